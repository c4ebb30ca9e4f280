import { afterEach, describe, expect, test, vi } from 'vitest';
import { idbStore, memoryStore, type EventStore, type StoredEvent } from '../../src/core/storage';
import { uniqueKey } from './core-support';

const ev = (i: number): StoredEvent => ({ k: `e:${String(i).padStart(4, '0')}`, v: `{"i":${i}}` });
const evs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, j) => ev(from + j));

describe.each([
  ['idbStore', () => idbStore(uniqueKey('db'))],
  ['memoryStore', () => memoryStore()],
])('%s', (name, make: () => EventStore) => {
  test('durable flag', () => {
    expect(make().durable).toBe(name === 'idbStore');
  });

  test('add then head returns the oldest first, by key, limited', async () => {
    const s = make();
    // Added out of key order: head must sort by key (capture order), not insertion.
    expect(await s.add([ev(3), ev(1)], 100)).toBe(0);
    expect(await s.add([ev(2), ev(5), ev(4)], 100)).toBe(0);
    expect(await s.head(3)).toEqual([ev(1), ev(2), ev(3)]);
    expect(await s.head(100)).toEqual(evs(1, 5));
    expect(await s.count()).toBe(5);
  });

  test('remove deletes exactly the given keys', async () => {
    const s = make();
    await s.add(evs(1, 5), 100);
    await s.remove([ev(2).k, ev(4).k, 'e:nope']);
    expect(await s.head(10)).toEqual([ev(1), ev(3), ev(5)]);
    expect(await s.count()).toBe(3);
    await s.remove([]);
    expect(await s.count()).toBe(3);
  });

  test('re-adding a key replaces it (no duplicate)', async () => {
    const s = make();
    await s.add([ev(1)], 100);
    await s.add([{ k: ev(1).k, v: '{"again":1}' }], 100);
    expect(await s.head(10)).toEqual([{ k: ev(1).k, v: '{"again":1}' }]);
  });

  test('cap: the oldest are evicted, the number returned and added to the dropped counter', async () => {
    const s = make();
    expect(await s.add(evs(1, 5), 3)).toBe(2);
    expect(await s.head(10)).toEqual(evs(3, 5));
    expect(await s.meta('dropped')).toBe(2);
    expect(await s.add(evs(6, 7), 3)).toBe(2);
    expect(await s.head(10)).toEqual(evs(5, 7));
    expect(await s.meta('dropped')).toBe(4);
    // Under the cap: nothing evicted, counter unchanged.
    await s.remove([ev(5).k]);
    expect(await s.add([ev(8)], 3)).toBe(0);
    expect(await s.meta('dropped')).toBe(4);
    expect(await s.count()).toBe(3);
  });

  test('an event older than the queue head is the one evicted', async () => {
    const s = make();
    await s.add(evs(5, 7), 3);
    expect(await s.add([ev(1)], 3)).toBe(1);
    expect(await s.head(10)).toEqual(evs(5, 7));
  });

  test('meta: read, write, overwrite, delete with undefined; not counted as events', async () => {
    const s = make();
    expect(await s.meta('anonymousId')).toBeUndefined();
    await s.setMeta('anonymousId', 'a-1');
    await s.setMeta('session', { id: 's', last: 5 });
    expect(await s.meta('anonymousId')).toBe('a-1');
    expect(await s.meta('session')).toEqual({ id: 's', last: 5 });
    expect(await s.count()).toBe(0);
    expect(await s.head(10)).toEqual([]);
    await s.setMeta('anonymousId', 'a-2');
    expect(await s.meta('anonymousId')).toBe('a-2');
    await s.setMeta('anonymousId', undefined);
    expect(await s.meta('anonymousId')).toBeUndefined();
  });

  test('meta never takes part in eviction', async () => {
    const s = make();
    await s.setMeta('anonymousId', 'a-1');
    await s.add(evs(1, 4), 2);
    expect(await s.meta('anonymousId')).toBe('a-1');
    expect(await s.count()).toBe(2);
  });

  test('clear deletes every event and keeps metadata', async () => {
    const s = make();
    await s.setMeta('anonymousId', 'a-1');
    await s.add(evs(1, 4), 100);
    await s.clear();
    expect(await s.count()).toBe(0);
    expect(await s.head(10)).toEqual([]);
    expect(await s.meta('anonymousId')).toBe('a-1');
  });

  test('concurrent adds are all kept', async () => {
    const s = make();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.add([ev(i)], 1000)));
    expect(await s.count()).toBe(20);
  });
});

afterEach(() => vi.restoreAllMocks());

describe('idbStore specifics', () => {
  test('two stores on the same database name share the queue (the tabs of an origin)', async () => {
    const name = uniqueKey('db');
    const a = idbStore(name);
    const b = idbStore(name);
    await a.add(evs(1, 2), 100);
    await a.setMeta('anonymousId', 'shared');
    expect(await b.head(10)).toEqual(evs(1, 2));
    expect(await b.meta('anonymousId')).toBe('shared');
    await b.remove([ev(1).k]);
    expect(await a.count()).toBe(1);
  });

  test('different names are different queues', async () => {
    const a = idbStore(uniqueKey('db'));
    const b = idbStore(uniqueKey('db'));
    await a.add(evs(1, 2), 100);
    expect(await b.count()).toBe(0);
  });

  test('indexedDB.open throwing synchronously (blocked storage) becomes a rejection, never a throw', async () => {
    const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    try {
      const s = idbStore(uniqueKey('db'));
      let added: Promise<number> | undefined;
      expect(() => (added = s.add(evs(1, 2), 100))).not.toThrow();
      await expect(added).rejects.toThrow('blocked');
      let head: Promise<StoredEvent[]> | undefined;
      expect(() => (head = s.head(10))).not.toThrow();
      await expect(head).rejects.toThrow('blocked');
      await expect(s.meta('dropped')).rejects.toThrow('blocked');
      expect(open).toHaveBeenCalled();
    } finally {
      open.mockRestore();
    }
  });

  test('the dropped counter survives a new store on the same database', async () => {
    const name = uniqueKey('db');
    await idbStore(name).add(evs(1, 5), 2);
    expect(await idbStore(name).meta('dropped')).toBe(3);
  });
});
