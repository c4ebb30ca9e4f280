/**
 * What a report engine computes: small aggregate tables whose size depends on the number of
 * touchpoints, scales and kiosks, never on the number of events. The SQL engine
 * (`sqlAggregates`) and the in-memory oracle (`computeReport`) both produce them, and
 * `assembleReport` turns them into the {@link Report} — so two engines agree exactly when their
 * aggregates do. Every list is in a canonical order (see each field).
 */
export interface ReportAggregates {
  /** Events in the filter, bots left out; and the bot events left out. */
  events: number;
  botEvents: number;
  /** Visits (no heartbeats, no server-side events) and the funnel steps they reached. */
  funnel: { sessions: number; viewed: number; cart: number; checkout: number; order: number };
  /** Per stage: visits with a touchpoint there, of those not kiosk-only (measured), and of those that went on. */
  stages: { stage: string; sessions: number; measured: number; continued: number }[];
  /** Per touchpoint: visits, visits that went on to a later stage, visits that had ordered by their last moment there. */
  cards: { stage: string; touchpoint: string; sessions: number; continued: number; ordered: number }[];
  /** Visits (not kiosk-only, no order) whose last touchpoint this was. */
  exits: { stage: string; touchpoint: string; count: number }[];
  channels: { stage: string; touchpoint: string; channel: string }[];
  /** Distinct visits whose cart or checkout was abandoned here. */
  abandonedAt: { stage: string; touchpoint: string; sessions: number }[];
  /** Carts and checkouts by how they ended; `source` only for abandoned ones. */
  outcomes: { kind: 'cart' | 'checkout'; status: 'ordered' | 'abandoned' | 'open'; source: 'sdk' | 'derived' | null; count: number }[];
  /** Ratings (one per submission) by place, kiosk hour (-1 when not a kiosk), scale and score. */
  ratings: { stage: string | null; touchpoint: string | null; kioskHour: number; surveyType: string; min: number; max: number; score: number; count: number }[];
  /** Top comments per touchpoint (count desc, text asc; at most {@link TOP} each). */
  comments: { stage: string; touchpoint: string; text: string; count: number }[];
  /** Top reasons per touchpoint (count desc, id asc; at most {@link TOP} each). */
  reasons: { stage: string; touchpoint: string; reason: string; count: number }[];
  /** Web vitals per touchpoint and metric: samples, p75 (nearest rank), samples rated good by `rateVital`. */
  vitals: { touchpoint: string; metric: string; count: number; p75: number; good: number }[];
  /** Distinct orders (by `order_id`, browser and server once) and revenue per currency. */
  orders: number;
  revenue: { currency: string; amount: number }[];
  /** Latest heartbeat per kiosk. */
  kiosks: { storeId: string | null; deviceId: string; timestamp: number; queueDepth: number | null; battery: number | null }[];
}

/** Comments and reasons kept per touchpoint. */
export const TOP = 5;

/** Separator of composite keys (stage, touchpoint) inside SQL expressions: a control character no name contains. */
export const SEP = '\u001f';
