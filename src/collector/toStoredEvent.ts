import type { TouchpointEvent } from '../schema/event';
import { reportColumns } from './reportColumns';
import type { StoredEvent } from './store';

/**
 * Window around `receivedAt` that an event time may claim: at most {@link CLOCK_WINDOW.pastMs}
 * before (a kiosk flushing an offline queue) and {@link CLOCK_WINDOW.futureMs} after (clock
 * drift). Times outside are clamped to its edge; the client's time stays in `originalTimestamp`.
 */
export const CLOCK_WINDOW = { pastMs: 31 * 86_400_000, futureMs: 10 * 60_000 } as const;

const OFFSET = /(?:([+-])(\d{2}):?(\d{2})|[zZ])$/;

/** Minutes east of UTC written in an ISO timestamp (`+07:00` → 420, `Z` → 0); null if none. */
export const offsetMinutes = (iso: string | null | undefined): number | null => {
  const m = iso ? OFFSET.exec(iso) : null;
  if (!m) return null;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Flatten a valid event into a store row, stamping `receivedAt` and correcting client clock skew
 * the Segment way: `timestamp = receivedAt − (sentAt − originalTimestamp)`. A kiosk whose clock is
 * an hour off, or that queued events offline for days, still lands on the right time, because
 * only the *interval* between capture and send is trusted, measured on one clock. The client's
 * own time is kept as `originalTimestamp`, and its offset gives the touchpoint's local hour.
 */
export const toStoredEvent = (
  event: TouchpointEvent,
  json: string,
  receivedAt: number,
  batchSentAt?: string,
  notes?: { clamped?: boolean },
): StoredEvent => {
  const context = obj(event.context);
  const properties = obj((event as { properties?: unknown }).properties);
  const original = event.originalTimestamp ?? event.timestamp ?? null;
  const sentAt = event.sentAt ?? batchSentAt ?? null;
  const originalMs = original ? Date.parse(original) : NaN;
  const sentMs = sentAt ? Date.parse(sentAt) : NaN;
  let timestamp = receivedAt;
  if (Number.isFinite(originalMs)) timestamp = Number.isFinite(sentMs) ? receivedAt - (sentMs - originalMs) : originalMs;
  // Absurd but schema-valid dates (year 0001 vs 9999) must not produce an invalid row.
  if (!Number.isFinite(timestamp) || Math.abs(timestamp) > 8.64e15) timestamp = receivedAt;
  // A forged "2099" heartbeat must not keep a silent kiosk OK forever, nor a 1970 one vanish.
  const clamped = Math.min(receivedAt + CLOCK_WINDOW.futureMs, Math.max(receivedAt - CLOCK_WINDOW.pastMs, timestamp));
  if (notes && clamped !== timestamp) notes.clamped = true;
  timestamp = clamped;
  const tz = offsetMinutes(original);
  const localTime = timestamp + (tz ?? 0) * 60_000;
  const device = obj(context.device);
  const sessionId = str(context.session_id);
  const eventName = event.type === 'track' ? event.event : null;
  const c = reportColumns({ messageId: event.messageId, event: eventName, anonymousId: event.anonymousId ?? null, userId: event.userId ?? null, sessionId, context, properties });
  // One literal with every key (no spread, no Object.assign): V8 then builds rows with fast
  // properties; a spread plus twenty more keys made ingest many times slower.
  return {
    messageId: event.messageId,
    type: event.type,
    event: eventName,
    anonymousId: event.anonymousId ?? null,
    userId: event.userId ?? null,
    sessionId,
    channel: str(context.channel),
    touchpoint: str(context.touchpoint),
    journeyStage: str(context.journey_stage),
    storeId: str(properties.store_id) ?? str(context.store_id),
    deviceId: str(properties.device_id) ?? str(context.device_id) ?? str(device.id),
    timestamp,
    originalTimestamp: original,
    sentAt,
    receivedAt,
    tzOffsetMinutes: tz,
    localTime,
    localHour: new Date(localTime).getUTCHours(),
    json,
    bot: c.bot,
    source: c.source,
    sessionKey: c.sessionKey,
    personKey: c.personKey,
    orderId: c.orderId,
    cartId: c.cartId,
    checkoutId: c.checkoutId,
    cartKey: c.cartKey,
    checkoutKey: c.checkoutKey,
    revenue: c.revenue,
    currency: c.currency,
    submissionKey: c.submissionKey,
    completed: c.completed,
    surveyType: c.surveyType,
    scaleMin: c.scaleMin,
    scaleMax: c.scaleMax,
    score: c.score,
    comment: c.comment,
    commentKey: c.commentKey,
    reasons: c.reasons,
    metric: c.metric,
    metricValue: c.metricValue,
    queueDepth: c.queueDepth,
    battery: c.battery,
  };
};
