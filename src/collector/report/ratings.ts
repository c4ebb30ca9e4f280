/** Ratings of one score on one scale: what both report engines count (one per `submission_id`). */
export interface ScoreCount {
  surveyType: string;
  min: number;
  max: number;
  score: number;
  count: number;
}

/** Rating summary of one scale (survey type + min + max) at a touchpoint. */
export interface ScaleSummary {
  surveyType: string;
  min: number;
  max: number;
  count: number;
  /** Mean raw score. */
  average: number;
  /** Count per score, every point of the scale listed (zeros included), lowest first. */
  distribution: { score: number; count: number }[];
  /** Share of satisfied answers (0–1): 4–5 of 1–5, the two happy faces of a 1–4 smiley, thumbs up. */
  csat?: number;
  /** Net Promoter Score (−100…100) on a 0–10 scale. */
  nps?: number;
  /** Customer Effort Score: mean of a 1–7 scale. */
  ces?: number;
}

/** All ratings at a touchpoint. */
export interface RatingSummary {
  count: number;
  /** Mean of the scores mapped onto 0–100. */
  emotion: number;
  /** One entry per scale used there, most used first. */
  scales: ScaleSummary[];
}

/** A score mapped onto 0–100 (min → 0, max → 100), comparable across scales. */
export const emotionOf = (g: { score: number; min: number; max: number }): number => ((g.score - g.min) / (g.max - g.min)) * 100;

const scaleKey = (g: ScoreCount) => `${g.surveyType}|${g.min}|${g.max}`;

/** Canonical order of score groups, so every engine sums floating-point numbers in the same order. */
export const byScale = (a: ScoreCount, b: ScoreCount): number =>
  (a.surveyType < b.surveyType ? -1 : a.surveyType > b.surveyType ? 1 : 0) || a.min - b.min || a.max - b.max || a.score - b.score;

/** Mean emotion (0–100, one decimal) of score groups; null when there are none. */
export const meanEmotion = (groups: readonly ScoreCount[]): number | null => {
  const sorted = [...groups].sort(byScale);
  const count = sorted.reduce((a, g) => a + g.count, 0);
  return count ? round(sorted.reduce((a, g) => a + g.count * emotionOf(g), 0) / count, 1) : null;
};

const summariseScale = (list: readonly ScoreCount[]): ScaleSummary => {
  const { surveyType, min, max } = list[0]!;
  const count = list.reduce((a, g) => a + g.count, 0);
  const counts = new Map(list.map((g) => [g.score, g.count]));
  const integral = Number.isInteger(min) && Number.isInteger(max);
  const distribution = integral
    ? Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }))
    : list.map((g) => ({ score: g.score, count: g.count }));
  const share = (pred: (score: number) => boolean) => list.reduce((a, g) => a + (pred(g.score) ? g.count : 0), 0) / count;
  const summary: ScaleSummary = { surveyType, min, max, count, average: round(list.reduce((a, g) => a + g.count * g.score, 0) / count, 2), distribution };
  if (min === 1 && max === 5) summary.csat = round(share((x) => x >= 4), 3);
  else if (min === 1 && max === 4) summary.csat = round(share((x) => x >= 3), 3);
  else if (max - min === 1) summary.csat = round(share((x) => x === max), 3);
  if (min === 0 && max === 10) summary.nps = Math.round((share((x) => x >= 9) - share((x) => x <= 6)) * 100);
  if (min === 1 && max === 7 && surveyType === 'ces') summary.ces = summary.average;
  return summary;
};

/**
 * Summarise the ratings of a touchpoint from score counts: distribution and mean per scale,
 * CSAT / NPS / CES where the scale allows, and the mean emotion. Groups of the same scale and
 * score must be merged already; their order does not matter.
 */
export const summariseRatings = (groups: readonly ScoreCount[]): RatingSummary | null => {
  const sorted = groups.filter((g) => g.count > 0).sort(byScale);
  if (!sorted.length) return null;
  const scales = new Map<string, ScoreCount[]>();
  for (const g of sorted) {
    const list = scales.get(scaleKey(g));
    if (list) list.push(g);
    else scales.set(scaleKey(g), [g]);
  }
  // Stable sort: equally used scales stay in canonical (survey type, bounds) order.
  const summaries = [...scales.values()].map(summariseScale).sort((a, b) => b.count - a.count);
  return { count: sorted.reduce((a, g) => a + g.count, 0), emotion: meanEmotion(sorted)!, scales: summaries };
};

/** Round to `digits` decimals. */
export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
