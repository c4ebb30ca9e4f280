/**
 * Wire limits of the strictest Segment-compatible receivers, shared by the SDK, the schemas and
 * the collector so the three never disagree.
 */
export const LIMITS = {
  /** Largest serialised event accepted (bytes of UTF-8 JSON). */
  eventBytes: 32 * 1024,
  /** Largest batch body a receiver accepts. */
  batchBytes: 500 * 1024,
  /** Most events in one batch. */
  batchEvents: 2500,
  /**
   * Largest request body the SDK sends. Keepalive fetches and beacons of a page share one 64 KiB
   * in-flight budget; half of it per request leaves room for an unload-time beacon of the same
   * size while a request is still under way, so every send can outlive the page. (A single event
   * larger than this — up to `eventBytes` — goes alone in its request.)
   */
  requestBytes: 30 * 1024,
} as const;

/** Sales channels a touchpoint can belong to. */
export const CHANNELS = ['web', 'kiosk', 'app', 'store'] as const;
/** Customer journey stages, in order. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'purchase', 'post_purchase', 'advocacy'] as const;

export type Channel = (typeof CHANNELS)[number];
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
