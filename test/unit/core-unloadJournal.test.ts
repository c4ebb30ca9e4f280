import { beforeEach, describe, expect, test } from 'vitest';
import { memoryStore, type StoredEvent } from '../../src/core/storage';
import { createUnloadJournal } from '../../src/core/unloadJournal';

const ev = (i: number): StoredEvent => ({ k: `e:${String(i).padStart(4, '0')}`, v: `{"i":${i}}` });
const NAME = 'tp-v1';
const journalKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(`${NAME}:`)).sort();

beforeEach(() => localStorage.clear());

describe('createUnloadJournal', () => {
  test('save notes sent keys and spilled events per tab, synchronously', () => {
    createUnloadJournal(NAME, 'tab1').save([ev(1).k], [ev(2)]);
    expect(JSON.parse(localStorage.getItem(`${NAME}:sent:tab1`)!)).toEqual([ev(1).k]);
    expect(JSON.parse(localStorage.getItem(`${NAME}:spill:tab1`)!)).toEqual([ev(2)]);
  });

  test('a second hand-over of the same page adds its sent keys, and replaces the list of uncommitted events', async () => {
    const j = createUnloadJournal(NAME, 'tab1');
    j.save([ev(1).k], [ev(2), ev(6)]);
    // Events tracked after pagehide (web vitals on the way out): ev(6) has committed meanwhile,
    // the caller passes every event still uncommitted.
    j.save([ev(3).k], [ev(2), ev(4)]);
    expect(JSON.parse(localStorage.getItem(`${NAME}:sent:tab1`)!)).toEqual([ev(1).k, ev(3).k]);
    expect(JSON.parse(localStorage.getItem(`${NAME}:spill:tab1`)!)).toEqual([ev(2), ev(4)]);
    j.save([], []);
    expect(localStorage.getItem(`${NAME}:spill:tab1`)).toBeNull();
    j.save([], [ev(2), ev(4)]);
    const store = memoryStore();
    await store.add([ev(1), ev(3), ev(5)], 100);
    await createUnloadJournal(NAME, 'tab2').recover(store, 100);
    expect(await store.head(10)).toEqual([ev(2), ev(4), ev(5)]);
  });

  test('nothing to note: nothing written', () => {
    createUnloadJournal(NAME, 'tab1').save([], []);
    expect(localStorage.length).toBe(0);
  });

  test('recover removes the sent keys, adds the spilled events, then forgets the notes', async () => {
    const store = memoryStore();
    await store.add([ev(1), ev(3)], 100); // ev(1) was delivered but its delete never committed
    createUnloadJournal(NAME, 'tab1').save([ev(1).k], [ev(2)]); // ev(2)'s write never committed
    await createUnloadJournal(NAME, 'tab2').recover(store, 100);
    expect(await store.head(10)).toEqual([ev(2), ev(3)]);
    expect(journalKeys()).toEqual([]);
  });

  test("every tab's notes are applied, and other databases' notes are left alone", async () => {
    const store = memoryStore();
    await store.add([ev(1), ev(2)], 100);
    createUnloadJournal(NAME, 'a').save([ev(1).k], []);
    createUnloadJournal(NAME, 'b').save([ev(2).k], [ev(5)]);
    createUnloadJournal('other-v1', 'c').save([ev(9).k], [ev(9)]);
    await createUnloadJournal(NAME, 'd').recover(store, 100);
    expect(await store.head(10)).toEqual([ev(5)]);
    expect(journalKeys()).toEqual([]);
    expect(Object.keys(localStorage).sort()).toEqual(['other-v1:sent:c', 'other-v1:spill:c']);
  });

  test('spilled events respect the queue cap (oldest evicted)', async () => {
    const store = memoryStore();
    createUnloadJournal(NAME, 'a').save([], [ev(1), ev(2), ev(3)]);
    await createUnloadJournal(NAME, 'b').recover(store, 2);
    expect(await store.head(10)).toEqual([ev(2), ev(3)]);
  });

  test('bad JSON and malformed entries are ignored (and the notes dropped)', async () => {
    const store = memoryStore();
    await store.add([ev(1)], 100);
    localStorage.setItem(`${NAME}:sent:x`, '{not json');
    localStorage.setItem(`${NAME}:spill:y`, '"a string"');
    localStorage.setItem(`${NAME}:spill:z`, JSON.stringify([{ k: 1, v: 'x' }, { k: 'e:0007' }, null, ev(4)]));
    localStorage.setItem(`${NAME}:sent:w`, JSON.stringify([42, null]));
    await expect(createUnloadJournal(NAME, 't').recover(store, 100)).resolves.toBeUndefined();
    expect(await store.head(10)).toEqual([ev(1), ev(4)]);
    expect(journalKeys()).toEqual([]);
  });

  test('spilled events beyond ~1 MB are not noted (localStorage quota)', () => {
    const big = (i: number): StoredEvent => ({ k: ev(i).k, v: 'x'.repeat(300_000) });
    createUnloadJournal(NAME, 'a').save([], [big(1), big(2), big(3), big(4)]);
    const kept = JSON.parse(localStorage.getItem(`${NAME}:spill:a`)!) as StoredEvent[];
    expect(kept.map((e) => e.k)).toEqual([ev(1).k, ev(2).k, ev(3).k]);
  });

  test('a full localStorage: save does not throw', () => {
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      expect(() => createUnloadJournal(NAME, 'a').save([ev(1).k], [ev(2)])).not.toThrow();
    } finally {
      Storage.prototype.setItem = orig;
    }
  });
});
