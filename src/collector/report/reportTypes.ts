/** The shape of the journey report (`/report.json`) and the options of its engines. */
import type { RatingSummary } from './ratings';
import type { ReportFilter } from './reportFilter';

/** Web-vital figures of one metric at one touchpoint. */
export interface VitalSummary {
  name: string;
  count: number;
  /** 75th percentile, the figure Core Web Vitals are judged by. */
  p75: number;
  /** Share of samples rated `good`. */
  good: number;
}

/** One touchpoint of a stage: the card of the journey map. */
export interface TouchpointCard {
  touchpoint: string;
  stage: string;
  channels: string[];
  /** Sessions with any event here. */
  sessions: number;
  /** Of those, sessions that went on to a later stage afterwards. */
  continued: number;
  /** `continued / sessions`; null at the last stage and for kiosk-only touchpoints (terminals see one moment). */
  continuation: number | null;
  /** Sessions whose last touchpoint was this one, without an order (kiosk-only visits left out). */
  exits: number;
  /** Sessions whose cart or checkout was abandoned here (SDK-reported or derived, each session once). */
  abandoned: number;
  ratings: RatingSummary | null;
  /** Most common follow-up comments. */
  comments: { text: string; count: number }[];
  /** Most common follow-up reasons: the id (or a shop's own text) and its label in the report's language. */
  reasons: { id: string; text: string; count: number }[];
  vitals: VitalSummary[];
  /**
   * Most of its visits had completed an order by their last moment here (the order-done or
   * thank-you touchpoint): the journey ends here, so it is never a continuation low point.
   */
  endOfJourney: boolean;
  /** Why this card is a "down" of the journey: `emotion`, `continuation`. */
  downs: ('emotion' | 'continuation')[];
}

/** A stage column. */
export interface StageColumn {
  stage: string;
  sessions: number;
  /** Share of the stage's sessions that reached a later stage (kiosk-only visits left out); null at the last stage. */
  continuation: number | null;
  /** The stage's busiest touchpoints, at most {@link ComputeOptions.maxCards}. */
  touchpoints: TouchpointCard[];
  /** The touchpoints beyond the cap, summed; null when none were left out. */
  others: { touchpoints: number; sessions: number } | null;
}

/** A highlighted low point. */
export interface Down {
  stage: string;
  touchpoint: string;
  kind: 'emotion' | 'continuation';
  /** Emotion (0–100) or continuation share (0–1) at the touchpoint. */
  value: number;
  /** Difference from the average: of all rated touchpoints (emotion), of the stage's touchpoints (continuation). */
  delta: number;
}

/** Cart or checkout outcome counts. */
export interface AbandonmentSummary {
  started: number;
  ordered: number;
  abandoned: number;
  /** Abandoned ones the SDK reported itself / the collector derived. */
  sdk: number;
  derived: number;
  /** Still inside the window. */
  open: number;
  /** `abandoned / (ordered + abandoned)`; null when none ended. */
  rate: number | null;
}

/** Everything `/report.json` serves and `/report` draws. */
export interface Report {
  generatedAt: string;
  filter: ReportFilter;
  /** Stores seen, for the filter. */
  stores: string[];
  /** Events in range (bots left out), visits, ratings, distinct orders (browser and server once), revenue per currency. */
  totals: { events: number; sessions: number; ratings: number; orders: number; revenue: Record<string, number>; botEvents: number };
  /** Most touchpoint cards shown per stage (the rest are summed in `others`). */
  cardCap: number;
  stages: StageColumn[];
  downs: Down[];
  funnel: {
    steps: { key: 'sessions' | 'viewed' | 'cart' | 'checkout' | 'order'; sessions: number; rate: number | null }[];
    cart: AbandonmentSummary;
    checkout: AbandonmentSummary;
  };
  /** Kiosk ratings by local hour of day (0–23). */
  kioskHours: { hour: number; count: number; emotion: number | null }[];
  /** Web vitals per touchpoint. */
  vitals: { touchpoint: string; metrics: VitalSummary[] }[];
  /** Kiosks by their latest heartbeat. */
  kiosks: { storeId: string | null; deviceId: string; lastSeen: string; minutesAgo: number; queueDepth?: number; battery?: number; silent: boolean }[];
}

/** Options of {@link computeReport}. */
export interface ComputeOptions {
  filter: ReportFilter;
  now: number;
  /** Cart/checkout inactivity window. */
  abandonmentWindowMs: number;
  /** A kiosk with no heartbeat for this long is silent. */
  silentAfterMs: number;
  /** Fewest ratings (or sessions) before a touchpoint can be flagged as a down. */
  minSample: number;
  stores: string[];
  /** Most touchpoint cards per stage; the rest are summed as "others". Default 12. */
  maxCards?: number;
}
