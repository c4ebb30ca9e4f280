/**
 * Applying the unload journal (see unloadJournal.ts): the keys torn-down pages handed to the
 * browser leave the queue, the events they could not commit join it, and the notes go. The next
 * sender runs this before it sends anything. (The script tag loads it with the delivery engine.)
 */
import { localStore } from './localStore';
import type { EventStore } from './storage';

/** The kinds of notes: keys handed over, uncommitted writes, a stand-in's events (unloadJournal). */
export type NoteKind = 'sent' | 'spill' | 'early';

export const recoverJournal = async (
  name: string,
  store: EventStore,
  cap: number,
  kinds: readonly NoteKind[] = ['sent', 'spill', 'early'],
): Promise<void> => {
  const s = localStore();
  if (!s) return;
  const sent = `${name}:sent:`;
  for (const key of Object.keys(s)) {
    if (!kinds.some((k) => key.startsWith(`${name}:${k}:`))) continue;
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
