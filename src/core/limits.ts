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
   * Largest request body the SDK sends. All keepalive fetches and beacons of a page share one
   * 64 KiB in-flight budget; staying under ~60 KB lets an unload-time send always fit.
   */
  requestBytes: 60 * 1024,
} as const;

/** Sales channels a touchpoint can belong to. */
export const CHANNELS = ['web', 'kiosk', 'app', 'store'] as const;
/** Customer journey stages, in order. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'purchase', 'post_purchase', 'advocacy'] as const;

export type Channel = (typeof CHANNELS)[number];
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
