/**
 * Batch bodies, shared by the delivery engine, fetchLater and the page-exit hand-over.
 *
 * A batch is compact: what is identical across its events' `context` (library, locale, user
 * agent, screen, time zone, page, campaign, session …) goes once into the batch's `context`, and
 * each event keeps what differs. The Segment batch format applies a batch `context` to every call
 * of the batch, and our collector merges it back before validating (`event.context = {
 * ...batch.context, ...event.context }`), so nothing changes in meaning. An event's ~500 bytes of
 * context became ~50: about three times as many events fit the page's keepalive budget at exit.
 * `sentAt` is the batch's only (the collector falls back to it for every event).
 */
import { isoLocal } from './isoLocal';
import { LIMITS } from './limits';
import { utf8Length } from './serialise';
import type { StoredEvent } from './storage';

/** Every keepalive request of a page shares this in-flight budget (Fetch spec, 64 KiB). */
export const KEEPALIVE_BUDGET = 65_536;
/**
 * Bytes of that budget the exit hand-over leaves to others: the host page's own keepalive
 * requests (its analytics, the stub's exit send) and our estimates' slack. The browser refuses an
 * over-budget keepalive fetch only asynchronously, after its events counted as handed over, so
 * the tracker never spends the last bytes.
 */
export const EXIT_RESERVE = 2048;
/** What the page-exit hand-over may spend: the keepalive budget minus the reserve. */
export const EXIT_BUDGET = KEEPALIVE_BUDGET - EXIT_RESERVE;

/** One event read for packing: the event without its context, and its context's entries. */
interface Unpacked {
  key: string;
  event: Record<string, unknown>;
  /** Context entries: key → their JSON text. */
  context: Map<string, string>;
  /** Bytes of the event as stored (its full context included). */
  bytes: number;
}

const unpack = (e: StoredEvent): Unpacked | undefined => {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(e.v);
  } catch {
    return undefined;
  }
  const context = new Map<string, string>();
  const raw = event.context;
  if (raw && typeof raw == 'object' && !Array.isArray(raw))
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) context.set(k, JSON.stringify(v));
  return { key: e.k, event, context, bytes: utf8Length(e.v) + 1 };
};

/** Bytes a context entry takes: `"key":value,`. */
const entryBytes = (key: string, json: string) => utf8Length(JSON.stringify(key)) + utf8Length(json) + 2;

/** The entries every event of `list` has with the same value. */
const commonContext = (list: Unpacked[]): Map<string, string> => {
  const common = new Map(list[0]?.context);
  for (const u of list) for (const [k, v] of common) if (u.context.get(k) !== v) common.delete(k);
  return common;
};

const sumBytes = (common: Map<string, string>) => {
  let total = 0;
  for (const [k, v] of common) total += entryBytes(k, v);
  return total;
};

/** The batch body for `list` with `common` lifted into the batch context. */
const render = (list: Unpacked[], common: Map<string, string>, sentAt: string, extra: PackExtra): string => {
  const events = list.map((u, i) => {
    const own: string[] = [];
    for (const [k, v] of u.context) if (!common.has(k)) own.push(`${JSON.stringify(k)}:${v}`);
    // Events dropped from the queue before this batch: counted once, on its first event.
    if (i == 0 && extra.dropped) own.push(`"dropped_events":${extra.dropped}`);
    const { context: _, ...rest } = u.event;
    const head = JSON.stringify(rest);
    return own.length ? `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"context":{${own.join(',')}}}` : head;
  });
  let tail = `"sentAt":"${sentAt}"`;
  if (extra.writeKey) tail += `,"writeKey":${JSON.stringify(extra.writeKey)}`;
  if (common.size) tail += `,"context":{${[...common].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  return `{"batch":[${events.join(',')}],${tail}}`;
};

/** What goes into a batch besides its events. */
export interface PackExtra {
  writeKey?: string;
  /** Events evicted from the queue since the last delivered batch. */
  dropped?: number;
}

/** Bytes of the envelope around the events, with room for `dropped_events` (estimate, generous). */
const ENVELOPE_BYTES = 160;

/**
 * Build a compact batch body from stored events (oldest first), bounded by `maxBytes` (at least
 * one event). Returns the body, the keys of the events in it, and its size in bytes. A stored
 * event that is not valid JSON (a corrupt note) goes alone, as it is, and is refused by the
 * collector like any bad event.
 */
export const pack = (
  events: StoredEvent[],
  maxBytes: number,
  extra: PackExtra,
): { body: string; keys: string[]; bytes: number } => {
  const sentAt = isoLocal();
  const envelope = ENVELOPE_BYTES + utf8Length(extra.writeKey ?? '');
  const list: Unpacked[] = [];
  // Running figures: bytes of the events as stored, and the entries all of them share.
  let stored = 0;
  let common = new Map<string, string>();
  for (const e of events) {
    const u = unpack(e);
    if (!u) {
      if (list.length) break;
      const body = `{"batch":[${e.v}],"sentAt":"${sentAt}"}`;
      return { body, keys: [e.k], bytes: utf8Length(body) };
    }
    const shared = list.length ? new Map([...common].filter(([k, v]) => u.context.get(k) === v)) : new Map(u.context);
    // Each shared entry is sent once instead of once per event.
    const estimate = envelope + stored + u.bytes - list.length * sumBytes(shared);
    if (list.length && estimate > maxBytes) break;
    list.push(u);
    stored += u.bytes;
    common = shared;
  }
  let body = render(list, commonContext(list), sentAt, extra);
  // The estimate is generous; should it ever fall short, leave events out until the body fits.
  while (list.length > 1 && utf8Length(body) > maxBytes) {
    list.pop();
    body = render(list, commonContext(list), sentAt, extra);
  }
  return { body, keys: list.map((u) => u.key), bytes: utf8Length(body) };
};

/**
 * Page exit: hand `events` (oldest first) to `send` (a keepalive fetch) as batches of at most one
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
