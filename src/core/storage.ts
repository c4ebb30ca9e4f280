/**
 * The durable event store: one IndexedDB object store (via idb-keyval's injectable store) holding
 * queued events under `e:` keys and small metadata under `m:` keys. Event keys sort in capture
 * order, so the head of the queue is one ranged `getAll`. A memory implementation of the same
 * interface is the fallback where IndexedDB is missing or throws.
 */
import { promisifyRequest } from 'idb-keyval';
import { idbWriter, range, type IdbWriter } from './idbWriter';

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

/** IndexedDB store; `name` is the versioned database name. Opening is lazy. */
export const idbStore = (name: string): EventStore => withReads(idbWriter(name));

/**
 * The read side of an IndexedDB store (the delivery engine's): added to the writer in place, so
 * the script tag's engine chunk completes the store its page already writes to.
 */
export const withReads = (w: IdbWriter): EventStore =>
  Object.assign(w, {
    head: (limit: number) =>
      w.use('readonly', async (s) => {
        const [keys, values] = await Promise.all([
          promisifyRequest(s.getAllKeys(range(), limit)),
          promisifyRequest(s.getAll(range(), limit)),
        ]);
        return keys.map((k, i) => ({ k: k as string, v: values[i] as string }));
      }),
    count: () => w.use('readonly', (s) => promisifyRequest(s.count(range()))),
    meta: <T>(key: string) => w.use('readonly', (s) => promisifyRequest(s.get(`m:${key}`)) as Promise<T | undefined>),
    setMeta: (key: string, value: unknown) =>
      w.use('readwrite', (s) => {
        if (value === undefined) s.delete(`m:${key}`);
        else s.put(value, `m:${key}`);
        return promisifyRequest(s.transaction);
      }),
  });

export { memoryStore } from './memoryStore';
