/**
 * Events are serialised once, at call time (a snapshot: the host may reuse or mutate its objects
 * afterwards), and stored as JSON strings (cheap to clone into IndexedDB). `context` is always
 * the last key, so ids known only at write time and `sentAt` known only at send time are spliced
 * into the string instead of re-serialising the event.
 */
import { LIMITS } from './limits';
import { safeText } from './safeText';

const encoder = new TextEncoder();
/** UTF-8 byte length of a string (JSON has no lone surrogates, so this is its size on the wire). */
export const utf8Length = (s: string): number => encoder.encode(s).length;

/** Headroom kept under the 32 KB event limit for ids, session and sentAt added later. */
const HEADROOM = 512;

/**
 * Serialise a call-time event — its fields, then `context` given as JSON (last key); returns an
 * error reason instead of throwing.
 */
export const serialise = (
  event: object,
  contextJson?: string,
): { json: string } | { error: 'not_serialisable' | 'event_too_large'; message: string } => {
  let json: string;
  try {
    json = JSON.stringify(event);
    if (contextJson) json = `${json.slice(0, -1)},"context":${contextJson}}`;
  } catch (e) {
    return { error: 'not_serialisable', message: `not JSON-serialisable: ${safeText(e)}` };
  }
  const max = LIMITS.eventBytes - HEADROOM;
  if (json.length > max / 3 && utf8Length(json) > max)
    return { error: 'event_too_large', message: `event over ${max} bytes` };
  return { json };
};

/** Identity fields added at write time. */
export interface Ids {
  anonymousId: string;
  userId?: string | null;
  sessionId: string;
}

/** Add ids (first keys) and `context.session_id` (last key of context) to a serialised event. */
export const withIds = (json: string, ids: Ids): string =>
  `{"anonymousId":${JSON.stringify(ids.anonymousId)},${ids.userId ? `"userId":${JSON.stringify(ids.userId)},` : ''}${json.slice(1, -2)},"session_id":${JSON.stringify(ids.sessionId)}}}`;

/** Add `sentAt` to a stored event. */
export const withSentAt = (json: string, sentAt: string): string => `${json.slice(0, -1)},"sentAt":"${sentAt}"}`;
