import type { EventStore, StoredEvent } from './store';
import { toStoredEvent } from './toStoredEvent';
import { validateEvent } from './validateEvent';

/** One event the collector refused, by its position in the batch. */
export interface Rejection {
  /** Index in the request's `batch` array (0 for a single-event request). */
  index: number;
  /** Why, naming the field (`context.channel: Invalid option …`). */
  reason: string;
}

/** The per-event outcome of a request: what the collector answers with status 200. */
export interface IngestResult {
  /** Events newly stored. */
  accepted: number;
  /** Events acknowledged but not stored again (their `messageId` was already stored). */
  duplicates: number;
  /** Events refused, each with its reason; the others were stored. */
  rejected: Rejection[];
  /** The newly stored events exactly as received, in order (what gets forwarded upstream). */
  stored: unknown[];
  /** Valid events whose time lay outside the accepted window around `receivedAt` and was clamped to it (`CLOCK_WINDOW`). */
  clamped: number;
}

/**
 * Validate every event of a request on its own, turn the valid ones into rows, and insert them in
 * one transaction. A bad event never blocks the good ones; a store failure throws (and the
 * request is answered 503, so the client retries the whole batch — dedupe makes that safe).
 */
export const ingest = async (
  events: readonly unknown[],
  store: EventStore,
  { receivedAt, sentAt, maxEventBytes }: { receivedAt: number; sentAt?: string; maxEventBytes?: number },
): Promise<IngestResult> => {
  const rows: StoredEvent[] = [];
  const raw: unknown[] = [];
  const rejected: Rejection[] = [];
  let clamped = 0;
  events.forEach((value, index) => {
    const check = validateEvent(value, maxEventBytes);
    if (!check.ok) return void rejected.push({ index, reason: check.reason });
    const notes: { clamped?: boolean } = {};
    rows.push(toStoredEvent(check.event, check.json, receivedAt, sentAt, notes));
    if (notes.clamped) clamped += 1;
    raw.push(value);
  });
  const { inserted } = await store.insert(rows);
  const stored = raw.filter((_, i) => inserted[i]);
  return { accepted: stored.length, duplicates: rows.length - stored.length, rejected, stored, clamped };
};
