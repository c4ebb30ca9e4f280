/**
 * Honest numbers for the report: 95 % confidence intervals for shares (Wilson), NPS (variance of
 * the promoter/detractor trinomial) and means (Student's t), a "directional" mark on thin
 * samples, and tests of whether a difference is beyond noise (Welch's t for means, the pooled
 * two-proportion z test for shares, both two-sided at 95 %).
 * Every function takes counts and sums, so SQL aggregates feed them as well as arrays do.
 */

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959964;

/** Fewest answers before a figure stops being "directional" (the common CX rule of thumb, n < 30). */
export const MIN_SAMPLE = 30;

// Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom.
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/**
 * The 95 % critical value of Student's t with `df` degrees of freedom: the table up to 30, then
 * 1.96 + 2.5/df (within 0.002 of the exact value), 1.96 in the limit. Small samples of means get
 * wider intervals than the normal approximation would give them.
 */
export const t95 = (df: number): number => (df < 1 ? Infinity : df <= 30 ? T95[Math.floor(df) - 1]! : Z95 + 2.5 / df);

/** A figure with its 95 % interval. */
export interface Estimate {
  /** The point estimate, in the unit of the figure (share 0–1, NPS −100…100, mean on its scale). */
  value: number;
  /** Lower and upper bound of the 95 % interval. */
  low: number;
  high: number;
  /** Standard error of `value` (0 when unknown); used to compare two estimates. */
  se: number;
  /** Number of answers behind the figure. */
  n: number;
  /** True below {@link MIN_SAMPLE} answers: read it as a direction, not a measurement. */
  directional: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Wilson score interval of a share `successes / n`. Unlike the textbook p ± z·√(p(1−p)/n) it stays
 * inside 0–1 and does not collapse to zero width at 0 % or 100 %, which is what small samples give.
 */
export const wilson = (successes: number, n: number, minSample = MIN_SAMPLE): Estimate => {
  if (n <= 0) return { value: 0, low: 0, high: 1, se: 0, n: 0, directional: true };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: clamp(centre - half, 0, 1), high: clamp(centre + half, 0, 1), se: Math.sqrt((p * (1 - p)) / n), n, directional: n < minSample };
};

/**
 * NPS with its interval. NPS = 100·(P − D) where each answer is a promoter (+1), passive (0) or
 * detractor (−1): the mean of that trinomial variable, whose variance is P + D − (P − D)².
 */
export const npsInterval = (promoters: number, detractors: number, n: number, minSample = MIN_SAMPLE): Estimate => {
  if (n <= 0) return { value: 0, low: -100, high: 100, se: 0, n: 0, directional: true };
  const p = promoters / n;
  const d = detractors / n;
  const se = Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n) * 100;
  const value = (p - d) * 100;
  return { value, low: clamp(value - Z95 * se, -100, 100), high: clamp(value + Z95 * se, -100, 100), se, n, directional: n < minSample };
};

/**
 * Mean with its interval from a count, a sum and a sum of squares (what SQL returns): mean ±
 * t(n − 1) · s/√n with the sample standard deviation s. Bounds are clamped to `[min, max]` of the
 * scale (emotion 0–100, CES 1–7).
 */
export const meanInterval = (n: number, sum: number, sumSquares: number, bounds: [number, number], minSample = MIN_SAMPLE): Estimate => {
  const [min, max] = bounds;
  if (n <= 0) return { value: 0, low: min, high: max, se: 0, n: 0, directional: true };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  // One answer says nothing about spread: its interval is the whole scale.
  if (n === 1) return { value: mean, low: min, high: max, se: (max - min) / 2, n, directional: n < minSample };
  // All answers alike (five 5s): the sample shows no spread, yet the mean is not known exactly. A
  // bounded variable varies at most like a share, so the Wilson interval of the mean's position on
  // the scale is the honest (conservative) bound here.
  if (variance < 1e-12 && max > min) {
    const w = wilson(((mean - min) / (max - min)) * n, n, minSample);
    return { value: mean, low: min + w.low * (max - min), high: min + w.high * (max - min), se: w.se * (max - min), n, directional: n < minSample };
  }
  const se = Math.sqrt(variance / n);
  const t = t95(n - 1);
  return { value: mean, low: clamp(mean - t * se, min, max), high: clamp(mean + t * se, min, max), se, n, directional: n < minSample };
};

/** {@link meanInterval} of a list of values. */
export const meanOf = (values: readonly number[], bounds: [number, number], minSample = MIN_SAMPLE): Estimate =>
  meanInterval(values.length, values.reduce((a, v) => a + v, 0), values.reduce((a, v) => a + v * v, 0), bounds, minSample);

/** The difference `a − b` and whether it is beyond noise. */
export interface Difference {
  delta: number;
  /** Standard error of the difference: √(seA² + seB²) (independent samples). */
  se: number;
  /** True when |delta| > 1.96·se, i.e. the 95 % interval of the difference excludes zero. */
  beyondNoise: boolean;
}

/**
 * Compare two means from independent samples (Welch's test at 95 %): the difference over
 * √(seA² + seB²) against Student's t with the conservative min(nA, nB) − 1 degrees of freedom.
 * A difference with no error estimate on either side (n = 0) is never beyond noise.
 */
export const difference = (a: Estimate, b: Estimate): Difference => {
  const delta = a.value - b.value;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  return { delta, se, beyondNoise: a.n > 0 && b.n > 0 && se > 0 && Math.abs(delta) > t95(Math.min(a.n, b.n) - 1) * se };
};

/**
 * Two shares compared with the pooled two-proportion z test (the usual test for "is this rate
 * lower than that one"): under "no difference" both samples share one rate, so the standard
 * error uses the pooled share.
 */
export const shareDifference = (x1: number, n1: number, x2: number, n2: number): Difference => {
  if (n1 <= 0 || n2 <= 0) return { delta: 0, se: 0, beyondNoise: false };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { delta: p1 - p2, se, beyondNoise: se > 0 && Math.abs(p1 - p2) > Z95 * se };
};
