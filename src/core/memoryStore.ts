import type { EventStore } from './storage';

/** Memory store with the same behaviour, for when IndexedDB is unavailable or not allowed. */
export const memoryStore = (): EventStore => {
  const events = new Map<string, string>();
  const meta = new Map<string, unknown>();
  const sorted = () => [...events.keys()].sort();
  return {
    durable: false,
    add: async (list, cap) => {
      for (const e of list) events.set(e.k, e.v);
      const over = events.size - cap;
      if (over <= 0) return 0;
      for (const k of sorted().slice(0, over)) events.delete(k);
      meta.set('dropped', ((meta.get('dropped') as number) ?? 0) + over);
      return over;
    },
    head: async (limit) => sorted().slice(0, limit).map((k) => ({ k, v: events.get(k)! })),
    remove: async (keys) => void keys.forEach((k) => events.delete(k)),
    count: async () => events.size,
    meta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => void (value === undefined ? meta.delete(key) : meta.set(key, value)),
    clear: async () => events.clear(),
  };
};
