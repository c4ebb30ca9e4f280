import { createStore, promisifyRequest } from 'idb-keyval';

/**
 * Where the widget remembers frequency state: per-survey answered/dismissed, the global cooldown,
 * ignored impressions and the visitor's sampling seed.
 */
export interface WidgetStore {
  /** Read a value (undefined when absent). */
  get<T>(key: string): Promise<T | undefined>;
  /** Write a value. */
  set(key: string, value: unknown): Promise<void>;
}

/** A store kept in memory: tests, and browsers without a working IndexedDB. */
export const memoryStore = (m = new Map<string, any>()): WidgetStore => ({
  get: async (k) => m.get(k),
  set: async (k, v) => void m.set(k, v),
});

let shared: WidgetStore | undefined;

/**
 * The default store: IndexedDB database `touchpoint-widget-v1`, object store `kv`, through
 * idb-keyval; never cookies. Created lazily and shared. When IndexedDB is missing or fails
 * (some private modes, sandboxed frames) it falls back to memory for the rest of the page.
 */
export const defaultStore = (): WidgetStore => {
  if (shared) return shared;
  const mem = memoryStore();
  let db: WidgetStore = mem;
  try {
    const s = createStore('touchpoint-widget-v1', 'kv');
    // idb-keyval's own get/set would pull in its default store too; two lines do the same.
    db = {
      get: (k) => s('readonly', (os) => promisifyRequest(os.get(k))),
      set: (k, v) => s('readwrite', (os) => (os.put(v, k), promisifyRequest(os.transaction))),
    };
  } catch {}
  const safe =
    (f: 'get' | 'set') =>
    (...a: [string, unknown?]): Promise<any> =>
      db[f](...(a as [string, unknown])).catch(() => ((db = mem), mem[f](...(a as [string, unknown]))));
  return (shared = { get: safe('get'), set: safe('set') });
};
