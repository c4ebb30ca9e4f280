/**
 * One owner of "this tab's unsent events": everything the page-exit hand-over needs to hand each
 * event to the browser once, or note it for the next sender, in one place. The pipeline (store
 * writes, page exit) and the sender (requests) share one instance; the sender keeps only
 * delivery (send loop, back-off, Retry-After, 413, fetchLater).
 *
 * - `own`: this tab's undelivered events that are its own to hand over at exit (while it sends
 *   or is next in line), oldest first, capped like the queue;
 * - `inFlight`: the request under way (a keepalive request outlives the page: handed over);
 * - `acknowledged`: delivered, but the delete from the store has not committed yet;
 * - `unpersisted`: handed to IndexedDB, but the write has not committed yet;
 * - `handed`: keys handed to the browser at exit (a write still pending must not bring them back);
 * - the page's keepalive budget for this exit (`EXIT_BUDGET`, see pack.ts for its reserve).
 */
import { EXIT_BUDGET } from './pack';
import type { StoredEvent } from './storage';

export interface UnsentEvents {
  /** Keep events as this tab's own to hand over at exit; the oldest beyond `cap` go. */
  keep(events: StoredEvent[], cap: number): void;
  /** This tab's own events, oldest first, except those of the request under way. */
  own(): StoredEvent[];
  /** Forget this tab's own events (another tab may send them; consent denied). */
  forgetOwn(): void;
  /** A request with these events and this many bytes started (undefined: it ended). */
  setInFlight(request: { events: StoredEvent[]; bytes: number } | undefined): void;
  /** Delivered: no longer this tab's to hand over; noted until their delete commits. */
  delivered(keys: string[]): void;
  /** Their delete from the store committed. */
  deleted(keys: string[]): void;
  /** Keys delivered whose delete has not committed (the journal notes them at exit). */
  acknowledged(): string[];
  /** Events of a tick handed to the store; `written` once the write committed. */
  writing(events: StoredEvent[]): void;
  written(events: StoredEvent[]): void;
  /** Of `events`, those not handed to the browser at exit (a late write must not bring those back). */
  notHanded(events: StoredEvent[]): StoredEvent[];
  /** Events whose write has not committed and that were not handed over (noted at exit). */
  uncommitted(): StoredEvent[];
  /**
   * Page exit: what is left of the keepalive budget (the first exit of a page counts the request
   * under way as handed and its bytes as spent), and the keys of that request.
   */
  startExit(): { budget: number; inFlightKeys: string[] };
  /** Keys handed to the browser at exit, and what is left of the budget. */
  handedOver(keys: string[], budget: number): void;
  /** Back from the bfcache: a new exit budget; nothing counts as handed any more. */
  restore(): void;
}

export const createUnsentEvents = (): UnsentEvents => {
  const own = new Map<string, string>();
  let inFlight: { events: StoredEvent[]; bytes: number } | undefined;
  const inFlightKeys = new Set<string>();
  const acknowledged = new Set<string>();
  const unpersisted = new Map<string, string>();
  const handed = new Set<string>();
  /** What is left of the keepalive budget once the page started unloading. */
  let budget: number | undefined;

  return {
    keep(events, cap) {
      for (const e of events) own.set(e.k, e.v);
      // Oldest first: Map keeps insertion order; the store evicts the same ones.
      for (const k of own.keys()) {
        if (own.size <= cap) break;
        own.delete(k);
      }
    },
    own() {
      const list: StoredEvent[] = [];
      for (const [k, v] of own) if (!inFlightKeys.has(k)) list.push({ k, v });
      return list;
    },
    forgetOwn: () => own.clear(),
    setInFlight(request) {
      inFlight = request;
      inFlightKeys.clear();
      for (const e of request?.events ?? []) inFlightKeys.add(e.k);
    },
    delivered(keys) {
      for (const k of keys) {
        own.delete(k);
        acknowledged.add(k);
      }
    },
    deleted(keys) {
      for (const k of keys) acknowledged.delete(k);
    },
    acknowledged: () => [...acknowledged],
    writing(events) {
      for (const e of events) unpersisted.set(e.k, e.v);
    },
    written(events) {
      for (const e of events) unpersisted.delete(e.k);
    },
    notHanded: (events) => events.filter((e) => !handed.delete(e.k)),
    uncommitted() {
      const list: StoredEvent[] = [];
      for (const [k, v] of unpersisted) if (!handed.has(k)) list.push({ k, v });
      return list;
    },
    startExit() {
      if (budget !== undefined) return { budget, inFlightKeys: [] };
      budget = EXIT_BUDGET - (inFlight?.bytes ?? 0);
      return { budget, inFlightKeys: [...inFlightKeys] };
    },
    handedOver(keys, left) {
      budget = left;
      for (const k of keys) {
        own.delete(k);
        handed.add(k);
      }
    },
    restore() {
      budget = undefined;
      handed.clear();
    },
  };
};
