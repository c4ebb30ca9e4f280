import { createStore, get, set, type UseStore } from 'idb-keyval';

/**
 * Where the widget remembers frequency state: per-survey answered/dismissed, the global cooldown,
 * ignored impressions and the visitor's sampling seed. Async get/set; implementations never reject
 * (the widget treats a failing store as an empty one).
 */
export interface WidgetStore {
  /** Read a value (undefined when absent). */
  get<T>(key: string): Promise<T | undefined>;
  /** Write a value. */
  set(key: string, value: unknown): Promise<void>;
}

/** A store kept in memory: tests, and browsers without IndexedDB (the tab then forgets on reload). */
export const memoryStore = (): WidgetStore => {
  const m = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => m.get(k) as T | undefined,
    set: async (k, v) => void m.set(k, v),
  };
};

let shared: WidgetStore | undefined;

/**
 * The default store: IndexedDB database `touchpoint-widget-v1`, object store `kv`, through
 * idb-keyval; never cookies. Created lazily and shared; falls back to memory (with what was kept
 * so far) when IndexedDB is missing or fails, e.g. in some private modes.
 */
export const defaultStore = (): WidgetStore => {
  if (shared) return shared;
  const mem = memoryStore();
  let idb: UseStore | undefined;
  try {
    idb = createStore('touchpoint-widget-v1', 'kv');
  } catch {
    // No indexedDB global (old browser, sandboxed frame): memory only.
  }
  return (shared = {
    get: async <T>(k: string) => {
      try {
        if (idb) return await get<T>(k, idb);
      } catch {
        idb = undefined;
      }
      return mem.get<T>(k);
    },
    set: async (k, v) => {
      await mem.set(k, v);
      try {
        if (idb) await set(k, v, idb);
      } catch {
        idb = undefined;
      }
    },
  });
};
