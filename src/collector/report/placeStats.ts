/**
 * Intervals and low points per touchpoint, from the report engine's aggregates (score counts per
 * place and scale, visits and continuations per place): every figure the report shows gets its
 * 95 % interval and a directional mark, and a low point must be beyond noise.
 */
import type { ReportAggregates } from './aggregates';
import { emotionOf, type ScoreCount } from './ratings';
import type { Down, TouchpointCard } from './reportTypes';
import { difference, meanInterval, MIN_SAMPLE, npsInterval, shareDifference, wilson, type Estimate } from './stats';

/** The honest figures of one touchpoint. */
export interface PlaceStats {
  stage: string;
  touchpoint: string;
  /** Emotion 0–100 of all ratings here, and of web (web, app) and in-store (kiosk) ratings apart. */
  emotion: Estimate | null;
  web: Estimate | null;
  store: Estimate | null;
  /** CSAT share, NPS and CES of the main scale (the most used), where that scale has one. */
  csat: Estimate | null;
  nps: Estimate | null;
  ces: Estimate | null;
  /** Share of visits that went on to a later stage (null where not measurable). */
  continuation: Estimate | null;
}

type Rating = ReportAggregates['ratings'][number];

/** Emotion of score groups as a mean with its interval (count, sum and sum of squares of 0–100). */
export const emotionEstimate = (groups: readonly ScoreCount[], minSample = MIN_SAMPLE): Estimate | null => {
  let n = 0;
  let sum = 0;
  let squares = 0;
  // Summed in one canonical order (by emotion, then count): engines list the groups in different
  // orders, and floating-point sums must not differ in the last digit between them.
  const ordered = groups.map((g) => ({ g, e: emotionOf(g) })).sort((a, b) => a.e - b.e || a.g.count - b.g.count);
  for (const { g, e } of ordered) {
    n += g.count;
    sum += g.count * e;
    squares += g.count * e * e;
  }
  return n ? meanInterval(n, sum, squares, [0, 100], minSample) : null;
};

const scaleScores = (groups: readonly Rating[]) => {
  const byScale = new Map<string, Rating[]>();
  for (const g of groups) byScale.set(`${g.surveyType}|${g.min}|${g.max}`, [...(byScale.get(`${g.surveyType}|${g.min}|${g.max}`) ?? []), g]);
  const total = (list: Rating[]) => list.reduce((a, g) => a + g.count, 0);
  return [...byScale.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
};

/** CSAT, NPS and CES with intervals on the most used scale (the same definitions as the cards). */
const scaleEstimates = (groups: readonly Rating[], minSample: number) => {
  const main = scaleScores(groups);
  const out = { csat: null as Estimate | null, nps: null as Estimate | null, ces: null as Estimate | null };
  if (!main.length) return out;
  const { min, max, surveyType } = main[0]!;
  const n = main.reduce((a, g) => a + g.count, 0);
  const count = (pred: (s: number) => boolean) => main.reduce((a, g) => a + (pred(g.score) ? g.count : 0), 0);
  if (min === 1 && max === 5) out.csat = wilson(count((s) => s >= 4), n, minSample);
  else if (min === 1 && max === 4) out.csat = wilson(count((s) => s >= 3), n, minSample);
  else if (max - min === 1) out.csat = wilson(count((s) => s === max), n, minSample);
  if (min === 0 && max === 10) out.nps = npsInterval(count((s) => s >= 9), count((s) => s <= 6), n, minSample);
  if (min === 1 && max === 7 && surveyType === 'ces') {
    out.ces = meanInterval(n, main.reduce((a, g) => a + g.count * g.score, 0), main.reduce((a, g) => a + g.count * g.score * g.score, 0), [1, 7], minSample);
  }
  return out;
};

/** Figures with intervals for every touchpoint card of the report. */
export const placeStats = (a: ReportAggregates, cards: readonly TouchpointCard[], minSample = MIN_SAMPLE): PlaceStats[] =>
  cards.map((c) => {
    const here = a.ratings.filter((r) => r.stage === c.stage && r.touchpoint === c.touchpoint);
    return {
      stage: c.stage,
      touchpoint: c.touchpoint,
      emotion: emotionEstimate(here, minSample),
      web: emotionEstimate(here.filter((r) => r.kioskHour < 0), minSample),
      store: emotionEstimate(here.filter((r) => r.kioskHour >= 0), minSample),
      ...scaleEstimates(here, minSample),
      continuation: c.continuation === null ? null : wilson(c.continued, c.sessions, minSample),
    };
  });

/**
 * Low points beyond noise. Emotion: a touchpoint's ratings against all other ratings of the range
 * pooled (two-sample z test on the means, 95 %), flagged when at least 5 points lower *and* the
 * difference is beyond noise. Continuation: against the other touchpoints of the same stage pooled
 * (two-proportion z test), at least 5 points lower and beyond noise; end-of-journey touchpoints are
 * never continuation low points. Each needs `minSample` ratings or visits; the three worst of each
 * kind are kept.
 */
export const findLowPoints = (a: ReportAggregates, cards: TouchpointCard[], minSample: number): Down[] => {
  const downs: Down[] = [];
  const place = (r: { stage: string | null; touchpoint: string | null }, c: TouchpointCard) => r.stage === c.stage && r.touchpoint === c.touchpoint;
  for (const c of cards) {
    if (!c.ratings || c.ratings.count < minSample) continue;
    const here = emotionEstimate(a.ratings.filter((r) => place(r, c)));
    const rest = emotionEstimate(a.ratings.filter((r) => !place(r, c) && r.stage !== null && r.touchpoint !== null));
    if (!here || !rest) continue;
    const d = difference(here, rest);
    if (d.delta <= -5 && d.beyondNoise) downs.push({ stage: c.stage, touchpoint: c.touchpoint, kind: 'emotion', value: c.ratings.emotion, delta: Math.round(d.delta * 10) / 10 });
  }
  for (const c of cards) {
    if (c.continuation === null || c.sessions < minSample || c.endOfJourney) continue;
    const peers = cards.filter((p) => p.stage === c.stage && p !== c && p.continuation !== null);
    const n = peers.reduce((x, p) => x + p.sessions, 0);
    const went = peers.reduce((x, p) => x + p.continued, 0);
    if (!n) continue;
    const d = shareDifference(c.continued, c.sessions, went, n);
    if (d.delta <= -0.05 && d.beyondNoise) downs.push({ stage: c.stage, touchpoint: c.touchpoint, kind: 'continuation', value: c.continuation, delta: Math.round(d.delta * 1000) / 1000 });
  }
  const worst = [
    ...downs.filter((d) => d.kind === 'emotion').sort((x, y) => x.delta - y.delta).slice(0, 3),
    ...downs.filter((d) => d.kind === 'continuation').sort((x, y) => x.delta - y.delta).slice(0, 3),
  ];
  for (const c of cards) c.downs = worst.filter((d) => d.stage === c.stage && d.touchpoint === c.touchpoint).map((d) => d.kind);
  return worst;
};
