/**
 * The write side of the IndexedDB event store: what a page needs to queue events (the script
 * tag carries only this; its delivery engine chunk adds the reads, see storage.ts `withReads`).
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { EventStore } from './storage';

/** The queued events' key range (`e:` keys; `m:` keys hold metadata). */
export const range = () => IDBKeyRange.bound('e:', 'e;', false, true);
const DROPPED = 'm:dropped';

export type IdbWriter = Pick<EventStore, 'durable' | 'add' | 'remove' | 'clear'> & { use: UseStore };

export const idbWriter = (name: string): IdbWriter => {
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
    use,
    add: (events, cap) =>
      use('readwrite', async (s) => {
        for (const e of events) s.put(e.v, e.k);
        const total = await promisifyRequest(s.count(range()));
        let evicted = 0;
        if (total > cap) {
          const old = await promisifyRequest(s.getAllKeys(range(), total - cap));
          for (const k of old) s.delete(k);
          evicted = old.length;
          const prev = ((await promisifyRequest(s.get(DROPPED))) as number | undefined) ?? 0;
          s.put(prev + evicted, DROPPED);
        }
        await done(s);
        return evicted;
      }),
    remove: (keys) =>
      use('readwrite', (s) => {
        for (const k of keys) s.delete(k);
        return done(s);
      }),
    clear: () =>
      use('readwrite', (s) => {
        s.delete(range());
        return done(s);
      }),
  };
};
