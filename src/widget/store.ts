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

/** An IndexedDB request (or transaction, settled on complete) as a promise. */
const done = (r: any): Promise<any> =>
  new Promise((ok, no) => {
    r.onsuccess = r.oncomplete = () => ok(r.result);
    r.onerror = r.onabort = () => no(r.error);
  });

let shared: WidgetStore | undefined;

/**
 * The default store: IndexedDB database `touchpoint-widget-v1`, object store `kv`; never cookies.
 * Created lazily and shared (a dozen lines instead of idb-keyval: the widget chunk's budget).
 * When IndexedDB is missing or fails (some private modes, sandboxed frames) it falls back to
 * memory (for the rest of the page when the database does not open).
 */
export const defaultStore = (): WidgetStore => {
  if (shared) return shared;
  const mem = memoryStore();
  let db: Promise<IDBDatabase> | undefined;
  const run =
    (f: 'get' | 'set') =>
    (k: string, v?: unknown): Promise<any> =>
      (db ??= Promise.resolve().then(() => {
        const r = indexedDB.open('touchpoint-widget-v1');
        r.onupgradeneeded = () => r.result.createObjectStore('kv');
        return done(r);
      }))
        .then((d) => {
          const t = d.transaction('kv', 'readwrite');
          const s = t.objectStore('kv');
          return f == 'get' ? done(s.get(k)) : (s.put(v, k), done(t));
        })
        .catch(() => mem[f](k, v));
  return (shared = { get: run('get'), set: run('set') });
};
