/**
 * The durable event store: one IndexedDB object store (via idb-keyval's injectable store) holding
 * queued events under `e:` keys and small metadata under `m:` keys. Event keys sort in capture
 * order, so the head of the queue is one ranged `getAll`. A memory implementation of the same
 * interface is the fallback where IndexedDB is missing or throws.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/** One queued event: its store key and its serialised JSON. */
export interface StoredEvent {
  k: string;
  v: string;
}

/** What the queue needs from storage. Every method may reject; callers catch. */
export interface EventStore {
  /** `true` for IndexedDB (shared by the origin's tabs), `false` for memory (this page only). */
  readonly durable: boolean;
  /**
   * Add events in one transaction, then evict the oldest beyond `cap`; resolves with the number
   * evicted (also added to the persisted `dropped` counter).
   */
  add(events: StoredEvent[], cap: number): Promise<number>;
  /** The oldest `limit` events. */
  head(limit: number): Promise<StoredEvent[]>;
  /** Delete events by key. */
  remove(keys: string[]): Promise<void>;
  /** Number of queued events. */
  count(): Promise<number>;
  /** Read a metadata value. */
  meta<T>(key: string): Promise<T | undefined>;
  /** Write (or, with `undefined`, delete) a metadata value. */
  setMeta(key: string, value: unknown): Promise<void>;
  /** Delete every queued event. */
  clear(): Promise<void>;
}

/** The queued events' key range (`e:` keys; `m:` keys hold metadata). */
const range = () => IDBKeyRange.bound('e:', 'e;', false, true);

/** IndexedDB store; `name` is the versioned database name. Opening is lazy. */
export const idbStore = (name: string): EventStore => {
  const raw: UseStore = createStore(name, 'kv');
  // idb-keyval opens lazily and `indexedDB.open` can throw synchronously (blocked storage):
  // turn that into a rejection so every caller has one error path.
  const use: UseStore = (mode, cb) => {
    try {
      return raw(mode, cb);
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const done = (s: IDBObjectStore) => promisifyRequest(s.transaction);
  return {
    durable: true,
    add: (events, cap) =>
      use('readwrite', async (s) => {
        for (const e of events) s.put(e.v, e.k);
        const total = await promisifyRequest(s.count(range()));
        let evicted = 0;
        if (total > cap) {
          const old = await promisifyRequest(s.getAllKeys(range(), total - cap));
          for (const k of old) s.delete(k);
          evicted = old.length;
          const prev = ((await promisifyRequest(s.get('m:dropped'))) as number | undefined) ?? 0;
          s.put(prev + evicted, 'm:dropped');
        }
        await done(s);
        return evicted;
      }),
    head: (limit) =>
      use('readonly', async (s) => {
        const [keys, values] = await Promise.all([
          promisifyRequest(s.getAllKeys(range(), limit)),
          promisifyRequest(s.getAll(range(), limit)),
        ]);
        return keys.map((k, i) => ({ k: k as string, v: values[i] as string }));
      }),
    remove: (keys) =>
      use('readwrite', (s) => {
        for (const k of keys) s.delete(k);
        return done(s);
      }),
    count: () => use('readonly', (s) => promisifyRequest(s.count(range()))),
    meta: <T>(key: string) => use('readonly', (s) => promisifyRequest(s.get(`m:${key}`)) as Promise<T | undefined>),
    setMeta: (key, value) =>
      use('readwrite', (s) => {
        if (value === undefined) s.delete(`m:${key}`);
        else s.put(value, `m:${key}`);
        return done(s);
      }),
    clear: () =>
      use('readwrite', (s) => {
        s.delete(range());
        return done(s);
      }),
  };
};

export { memoryStore } from './memoryStore';
