/**
 * Segment batch semantics: a batch-level `context` applies to every call of the batch. The SDK
 * sends what its events share once, there (src/core/pack.ts); the collector merges it back into
 * each event before validating, storing and forwarding, so stored rows and forwarded batches
 * mean the same as the uncompacted form. Shallow; the event's own keys win.
 */

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `event` with `batchContext` merged under its own context: `{ ...batchContext, ...event.context }`.
 * Anything that is not an object with a usable context is returned as it is, for validation to
 * name the problem.
 */
export const withBatchContext = (event: unknown, batchContext: unknown): unknown => {
  if (!isDict(batchContext) || !isDict(event)) return event;
  if (event.context !== undefined && !isDict(event.context)) return event;
  return { ...event, context: { ...batchContext, ...event.context } };
};
