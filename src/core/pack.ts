/**
 * Batch bodies, shared by the delivery engine and the script tag's page-exit hand-over.
 */
import { isoLocal } from './isoLocal';
import { LIMITS } from './limits';
import { utf8Length, withSentAt } from './serialise';
import type { StoredEvent } from './storage';

/** Every keepalive request and beacon of a page share this in-flight budget (Fetch spec). */
export const KEEPALIVE_BUDGET = 65_536;

/** Build a batch body from stored events, bounded by `maxBytes` (at least one event). */
export const pack = (
  events: StoredEvent[],
  maxBytes: number,
  extra: { writeKey?: string; dropped?: number },
): { body: string; keys: string[]; bytes: number } => {
  const sentAt = isoLocal();
  let tail = `],"sentAt":"${sentAt}"`;
  if (extra.writeKey) tail += `,"writeKey":${JSON.stringify(extra.writeKey)}`;
  if (extra.dropped) tail += `,"context":{"dropped_events":${extra.dropped}}`;
  tail += '}';
  const parts: string[] = [];
  const keys: string[] = [];
  let bytes = 10 + utf8Length(tail);
  for (const e of events) {
    const item = withSentAt(e.v, sentAt);
    const size = utf8Length(item) + 1;
    if (parts.length && bytes + size > maxBytes) break;
    parts.push(item);
    keys.push(e.k);
    bytes += size;
  }
  return { body: `{"batch":[${parts.join(',')}${tail}`, keys, bytes };
};

/**
 * Page exit: hand `events` (oldest first) to `send` (a beacon) as batches of at most one
 * request's bytes, within `budget` bytes of the page's keepalive budget. Stops at the first batch
 * the browser refuses. Returns the keys handed over and what is left of the budget.
 */
export const handOut = (
  events: StoredEvent[],
  budget: number,
  writeKey: string | undefined,
  send: (body: string) => boolean,
): { keys: string[]; budget: number } => {
  const handed: string[] = [];
  while (events.length && budget > 1024) {
    const { body, keys, bytes } = pack(events, Math.min(budget, LIMITS.requestBytes), { writeKey });
    if (bytes > budget || !send(body)) break;
    handed.push(...keys);
    budget -= bytes;
    events = events.slice(keys.length);
  }
  return { keys: handed, budget };
};
