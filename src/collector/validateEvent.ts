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
  if (depthOver(value, MAX_DEPTH)) return { ok: false, reason: `event is nested deeper than ${MAX_DEPTH} levels` };
  try {
    return check(value, maxEventBytes);
  } catch (error) {
    // Whatever a hostile event makes the schema or the serialiser do, it is this event's problem.
    return { ok: false, reason: `event cannot be read: ${String((error as Error)?.message ?? error).slice(0, 100)}` };
  }
};

/** Deepest nesting of objects and arrays an event may have (a real one has 4 or 5). */
export const MAX_DEPTH = 32;

/** Whether `value` nests deeper than `max`, found without recursion (so no depth can overflow the stack). */
const depthOver = (value: unknown, max: number): boolean => {
  const stack: [unknown, number][] = [[value, 1]];
  let visited = 0;
  // Bounded: each object is visited once, and at most 100,000 of them.
  while (stack.length && visited++ < 100_000) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Object.values(v as object)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return stack.length > 0;
};

const check = (value: object, maxEventBytes: number): Validation => {
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
