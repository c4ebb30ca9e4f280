/** Options of the traffic generator. */
export interface JourneyOptions {
  /** How many visits (web and kiosk). */
  visits: number;
  /** Same seed, same traffic. Default 7. */
  seed?: number;
  /** No event after this time (ms). Default {@link JOURNEYS_END}. */
  endAt?: number;
  /** How many days back visits start. Default 14. */
  days?: number;
  /** Prefix of message and session ids. Default `j`. */
  prefix?: string;
  /** Visits start in time order (live traffic) instead of at random times. Default false. */
  ordered?: boolean;
}
/** A wire event as the SDK sends it. */
export type WireEvent = Record<string, any> & { messageId: string; type: string; timestamp: string };
/** Default end of the generated traffic. */
export declare const JOURNEYS_END: number;
/** Visits, each an array of events in time order. */
export declare function journeyVisits(options: JourneyOptions): Generator<WireEvent[]>;
/** Batches of at most `size` events (whole visits), sent at `endAt`. */
export declare function journeyBatches(options: JourneyOptions & { size?: number }): Generator<{ batch: WireEvent[]; sentAt: string }>;
