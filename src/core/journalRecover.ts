/**
 * Applying the unload journal (see unloadJournal.ts): the keys torn-down pages handed to the
 * browser leave the queue, the events they could not commit join it, and the notes go. The next
 * sender runs this before it sends anything. (The script tag loads it with the delivery engine.)
 */
import { localStore } from './localStore';
import type { EventStore } from './storage';

export const recoverJournal = async (name: string, store: EventStore, cap: number): Promise<void> => {
  const s = localStore();
  if (!s) return;
  const sent = `${name}:sent:`;
  for (const key of Object.keys(s)) {
    if (!key.startsWith(sent) && !key.startsWith(`${name}:spill:`) && !key.startsWith(`${name}:early:`)) continue;
    // Taken before the (asynchronous) store write: a tab back from the bfcache that finds its
    // notes gone knows they are this tab's to send. A failed write puts them back.
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
        if (raw != null) s.setItem(key, raw);
        throw e;
      }
  }
};
