/**
 * Period comparison: the report's range against the same number of days just before it (or a
 * range chosen with `?cfrom=&cto=`), with each delta and whether it is beyond noise:
 * - counts (visits, orders, ratings): difference of two Poisson counts, |a − b| > 1.96·√(a + b);
 * - emotion (means): two-sample z test on the means ({@link difference});
 * - shares (continuation, CSAT, abandonment rates): two-proportion z test ({@link shareDifference}).
 */
import type { ReportAggregates } from './aggregates';
import { emotionEstimate, type PlaceStats } from './placeStats';
import type { ReportFilter } from './reportFilter';
import type { Report } from './reportTypes';
import { difference, shareDifference, Z95, type Estimate } from './stats';

/** A figure now and in the earlier period. */
export interface Delta {
  current: number | null;
  previous: number | null;
  /** `current − previous`; null when either is missing. */
  delta: number | null;
  beyondNoise: boolean;
}

/** The comparison served in `/report.json` and drawn in the page. */
export interface Comparison {
  /** The earlier range (local days). */
  from: string;
  to: string;
  sessions: Delta;
  orders: Delta;
  ratings: Delta;
  emotion: Delta;
  cartAbandonment: Delta;
  checkoutAbandonment: Delta;
  touchpoints: { stage: string; touchpoint: string; emotion: Delta; continuation: Delta; csat: Delta }[];
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(`${v}T00:00:00Z`));

/**
 * The earlier range: `?cfrom=&cto=` when both are valid days, `?compare=none` for none, else the
 * same number of days ending the day before `from` (an open range ends today).
 */
export const comparisonRange = (url: URL, filter: ReportFilter, now: number): { from: string; to: string } | null => {
  const q = url.searchParams;
  if (q.get('compare') === 'none') return null;
  const cfrom = q.get('cfrom');
  const cto = q.get('cto');
  if (isDay(cfrom) && isDay(cto) && cfrom <= cto) return { from: cfrom, to: cto };
  const from = Date.parse(`${filter.from}T00:00:00Z`);
  const to = filter.to ? Date.parse(`${filter.to}T00:00:00Z`) : Date.parse(`${day(now)}T00:00:00Z`);
  const days = Math.max(1, Math.round((to - from) / DAY) + 1);
  return { from: day(from - days * DAY), to: day(from - DAY) };
};

const none = (current: number | null, previous: number | null): Delta => ({ current, previous, delta: current !== null && previous !== null ? current - previous : null, beyondNoise: false });

const counts = (a: number, b: number): Delta => ({ current: a, previous: b, delta: a - b, beyondNoise: a + b > 0 && Math.abs(a - b) > Z95 * Math.sqrt(a + b) });

const means = (a: Estimate | null, b: Estimate | null): Delta =>
  a && b ? { current: a.value, previous: b.value, delta: a.value - b.value, beyondNoise: difference(a, b).beyondNoise } : none(a?.value ?? null, b?.value ?? null);

const shares = (x1: number, n1: number, x2: number, n2: number): Delta =>
  n1 && n2 ? { current: x1 / n1, previous: x2 / n2, delta: x1 / n1 - x2 / n2, beyondNoise: shareDifference(x1, n1, x2, n2).beyondNoise } : none(n1 ? x1 / n1 : null, n2 ? x2 / n2 : null);

const rate = (s: Report['funnel']['cart']) => [s.abandoned, s.abandoned + s.ordered] as const;

/** Compare the report with the earlier period's. */
export const compareReports = (
  range: { from: string; to: string },
  now: { aggregates: ReportAggregates; report: Report; places: readonly PlaceStats[] },
  before: { aggregates: ReportAggregates; report: Report; places: readonly PlaceStats[] },
): Comparison => {
  const cards = now.report.stages.flatMap((s) => s.touchpoints);
  const earlier = new Map(before.report.stages.flatMap((s) => s.touchpoints).map((c) => [`${c.stage}\u0000${c.touchpoint}`, c]));
  const placesBefore = new Map(before.places.map((p) => [`${p.stage}\u0000${p.touchpoint}`, p]));
  return {
    ...range,
    sessions: counts(now.report.totals.sessions, before.report.totals.sessions),
    orders: counts(now.report.totals.orders, before.report.totals.orders),
    ratings: counts(now.report.totals.ratings, before.report.totals.ratings),
    emotion: means(emotionEstimate(now.aggregates.ratings), emotionEstimate(before.aggregates.ratings)),
    cartAbandonment: shares(...rate(now.report.funnel.cart), ...rate(before.report.funnel.cart)),
    checkoutAbandonment: shares(...rate(now.report.funnel.checkout), ...rate(before.report.funnel.checkout)),
    touchpoints: cards.map((c) => {
      const k = `${c.stage}\u0000${c.touchpoint}`;
      const p = now.places.find((x) => x.stage === c.stage && x.touchpoint === c.touchpoint);
      const q = placesBefore.get(k);
      const e = earlier.get(k);
      const csat = p?.csat && q?.csat ? shares(p.csat.value * p.csat.n, p.csat.n, q.csat.value * q.csat.n, q.csat.n) : none(p?.csat?.value ?? null, q?.csat?.value ?? null);
      return {
        stage: c.stage,
        touchpoint: c.touchpoint,
        emotion: means(p?.emotion ?? null, q?.emotion ?? null),
        continuation: c.continuation !== null && e && e.continuation !== null ? shares(c.continued, c.sessions, e.continued, e.sessions) : none(c.continuation, e?.continuation ?? null),
        csat,
      };
    }),
  };
};
