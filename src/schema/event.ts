/**
 * The wire format: Segment Spec events and batches, as zod/mini schemas. The collector validates
 * with these very definitions; the browser core checks the same rules with a small hand-written
 * validator (the checks in src/core/createTracker.ts and serialise.ts) so zod stays out of the 8 KB
 * core, and a unit test (test/unit/core-schema-equivalence.test.ts) proves the two agree.
 */
import * as z from 'zod/mini';
import { CHANNELS, JOURNEY_STAGES, LIMITS } from '../core/limits';

const text = (max: number) => z.string().check(z.maxLength(max));
const id = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** ISO-8601 date-time; a `Z` or a local offset (`+07:00`) are both accepted. */
export const IsoDateTime = z.iso.datetime({ offset: true });
const Dict = z.record(z.string(), z.unknown());

/** `context.library`. */
export const LibrarySchema = z.looseObject({ name: text(100), version: text(50) });
/** `context.page`: where the event happened (personal data already scrubbed by the SDK). */
export const PageContextSchema = z.looseObject({
  url: z.optional(text(4096)),
  path: z.optional(text(2048)),
  title: z.optional(text(1024)),
  referrer: z.optional(text(4096)),
  search: z.optional(text(2048)),
});
/** `context.campaign`: UTM parameters of the session's first page. */
export const CampaignSchema = z.looseObject({
  name: z.optional(text(500)),
  source: z.optional(text(500)),
  medium: z.optional(text(500)),
  term: z.optional(text(500)),
  content: z.optional(text(500)),
});
/** `context`: Segment's common fields plus touchpoint's `channel`, `touchpoint`, `journey_stage`. */
export const ContextSchema = z.looseObject({
  library: z.optional(LibrarySchema),
  page: z.optional(PageContextSchema),
  locale: z.optional(text(50)),
  timezone: z.optional(text(100)),
  userAgent: z.optional(text(1024)),
  screen: z.optional(z.looseObject({ width: z.number(), height: z.number(), density: z.optional(z.number()) })),
  campaign: z.optional(CampaignSchema),
  channel: z.optional(z.enum(CHANNELS)),
  touchpoint: z.optional(text(200)),
  journey_stage: z.optional(z.enum(JOURNEY_STAGES)),
  session_id: z.optional(text(100)),
});

const common = {
  messageId: id(100),
  anonymousId: z.optional(z.nullable(text(200))),
  userId: z.optional(z.nullable(id(200))),
  timestamp: z.optional(IsoDateTime),
  originalTimestamp: z.optional(IsoDateTime),
  sentAt: z.optional(IsoDateTime),
  receivedAt: z.optional(IsoDateTime),
  context: z.optional(ContextSchema),
  integrations: z.optional(Dict),
  writeKey: z.optional(text(500)),
};

/** A `track` event: something the shopper did (`event` names it, "Object Action" style). */
export const TrackEventSchema = z.looseObject({
  ...common,
  type: z.literal('track'),
  event: id(200),
  properties: z.optional(Dict),
});
/** A `page` view. */
export const PageEventSchema = z.looseObject({
  ...common,
  type: z.literal('page'),
  name: z.optional(text(500)),
  properties: z.optional(Dict),
});
/** An `identify` call: who the shopper is, with traits. */
export const IdentifyEventSchema = z.looseObject({
  ...common,
  type: z.literal('identify'),
  traits: z.optional(Dict),
});

/** Any event touchpoint sends or its collector accepts. */
export const EventSchema = z
  .discriminatedUnion('type', [TrackEventSchema, PageEventSchema, IdentifyEventSchema])
  .check(
    z.refine((e) => Boolean(e.anonymousId || e.userId), {
      message: 'anonymousId or userId is required',
      path: ['anonymousId'],
    }),
  );

/** A batch envelope (`POST /v1/batch`); events are validated one by one with {@link EventSchema}. */
export const BatchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown()).check(z.maxLength(LIMITS.batchEvents)),
  sentAt: z.optional(IsoDateTime),
  writeKey: z.optional(text(500)),
  context: z.optional(Dict),
  integrations: z.optional(Dict),
});
/** A fully valid batch. */
export const BatchSchema = z.looseObject({
  batch: z.array(EventSchema).check(z.maxLength(LIMITS.batchEvents)),
  sentAt: z.optional(IsoDateTime),
  writeKey: z.optional(text(500)),
  context: z.optional(Dict),
});

export type Context = z.infer<typeof ContextSchema>;
export type TrackEvent = z.infer<typeof TrackEventSchema>;
export type PageEvent = z.infer<typeof PageEventSchema>;
export type IdentifyEvent = z.infer<typeof IdentifyEventSchema>;
/** Any wire event. */
export type TouchpointEvent = z.infer<typeof EventSchema>;
/** A wire batch. */
export type Batch = z.infer<typeof BatchSchema>;
