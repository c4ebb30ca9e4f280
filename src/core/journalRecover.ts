/**
 * Applying the unload journal (see unloadJournal.ts): the keys torn-down pages handed to the
 * browser leave the queue, the events they could not commit join it, and the notes go. The next
 * sender runs this before it sends anything.
 */
import { localStore } from './localStore';
import type { EventStore } from './storage';

/** The kinds of notes: keys handed over, and writes that had not committed (unloadJournal). */
const KINDS = ['sent', 'spill'];

export const recoverJournal = async (
  name: string,
  store: EventStore,
  cap: number,
): Promise<void> => {
  const s = localStore();
  if (!s) return;
  const sent = `${name}:sent:`;
  for (const key of Object.keys(s)) {
    if (!KINDS.some((k) => key.startsWith(`${name}:${k}:`))) continue;
    // Taken before the (asynchronous) store write: a tab back from the bfcache that finds its
    // notes gone knows they are this tab's to send. A failed write puts them back, under a key of
    // their own (the tab may have written newer notes meanwhile).
    const raw = s.getItem(key);
    s.removeItem(key);
    let data: unknown;
    try {
      data = JSON.parse(raw ?? '[]');
    } catch {
      data = [];
    }
    if (Array.isArray(data) && data.length)
      try {
        if (key.startsWith(sent)) await store.remove(data.filter((k) => typeof k === 'string'));
        else await store.add(data.filter((e) => typeof e?.k === 'string' && typeof e?.v === 'string'), cap);
      } catch (e) {
        if (raw != null) s.setItem(`${key}:r`, raw);
        throw e;
      }
  }
};
