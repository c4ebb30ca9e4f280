import { EventSchema, type TouchpointEvent } from '../schema/event';
import { LIMITS } from '../core/limits';

/** A valid event with its serialised form, or the reason it was rejected. */
export type Validation =
  | { ok: true; event: TouchpointEvent; json: string }
  | { ok: false; reason: string };

/**
 * Check one incoming event against the shared wire schema ({@link EventSchema}, the very one the
 * SDK exports) and the 32 KB per-event limit. The reason names the first failing field.
 */
export const validateEvent = (value: unknown, maxEventBytes: number = LIMITS.eventBytes): Validation => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'event must be a JSON object' };
  const result = EventSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? issue.path.map(String).join('.') : 'event';
    return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid'}`.slice(0, 300) };
  }
  // The raw value (not zod's copy) is what gets stored and forwarded: unknown keys stay as sent.
  const json = JSON.stringify(value);
  const bytes = json.length > maxEventBytes / 3 ? Buffer.byteLength(json) : json.length;
  if (bytes > maxEventBytes) return { ok: false, reason: `event is ${bytes} bytes, over the ${maxEventBytes}-byte limit` };
  return { ok: true, event: value as TouchpointEvent, json };
};
