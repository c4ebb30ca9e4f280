/**
 * IndexedDB transactions begun while a page is being torn down are often aborted: a delete after
 * an unload beacon, or the write of events tracked just before a navigation, may never commit.
 * `localStorage` writes are synchronous and do survive, so at `pagehide` the tab notes there
 * (per tab, under the queue's database name) which keys it handed to the browser and which
 * events were not yet committed; the next tab that starts sending applies both to the queue
 * before it sends anything. Without this, the first would be sent twice and the second lost.
 */
import { recoverJournal } from './journalRecover';
import { withLs } from './localStore';
import type { EventStore, StoredEvent } from './storage';

/** Bytes of spilled events kept at most (localStorage quotas are ~5 MB per origin). */
const SPILL_MAX = 1_000_000;

export interface UnloadJournal {
  /** Note keys handed to the browser and the events not yet committed (see saveJournal). */
  save(sent: string[], spill: StoredEvent[]): void;
  /** Apply every tab's notes to the store, then forget them. */
  recover(store: EventStore, cap: number): Promise<void>;
  /** Whether the collector was failing (HTTP errors) within the last 10 minutes, as last heard. */
  failing(): boolean;
  /** Remember (or clear) that the collector is failing. */
  setFailing(on: boolean): void;
}

/**
 * Note, for tab `tab` (synchronously), keys handed to the browser (added to its earlier notes: a
 * page can hand over more than once, for events tracked after pagehide) and the events not yet
 * committed (replacing its earlier list: the caller passes all of them each time). Returns the
 * keys of the events noted (at most SPILL_MAX bytes of them), or undefined when storage failed.
 */
export const saveJournal = (
  name: string,
  tab: string,
  sent: string[],
  spill: StoredEvent[],
): string[] | undefined =>
  withLs((s) => {
    const key = `${name}:sent:${tab}`;
    if (sent.length) {
      let old: unknown;
      try {
        old = JSON.parse(s.getItem(key) ?? '[]');
      } catch {
        old = [];
      }
      s.setItem(key, JSON.stringify([...(Array.isArray(old) ? old : []), ...sent]));
    }
    let bytes = 0;
    const kept = spill.filter((e) => (bytes += e.v.length) <= SPILL_MAX);
    if (kept.length) s.setItem(`${name}:spill:${tab}`, JSON.stringify(kept));
    else s.removeItem(`${name}:spill:${tab}`);
    return kept.map((e) => e.k);
  });

/** Whether the collector was failing (HTTP errors) within the last 10 minutes, as last heard. */
export const journalFailing = (name: string): boolean =>
  withLs((s) => Date.now() - Number(s.getItem(`${name}:failing`) ?? 0) < 600_000) ?? false;

export const createUnloadJournal = (name: string, tab: string): UnloadJournal => ({
  failing: () => journalFailing(name),
  // Blocked storage: this page still knows.
  setFailing: (on) => withLs((s) => (on ? s.setItem(`${name}:failing`, String(Date.now())) : s.removeItem(`${name}:failing`))),
  // Quota: the beacon and the IndexedDB write may still have made it.
  save: (sent, spill) => void saveJournal(name, tab, sent, spill),
  recover: (store, cap) => recoverJournal(name, store, cap),
});
