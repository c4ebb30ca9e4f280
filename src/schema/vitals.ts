/**
 * Web vitals as the product defines them: the metrics the vitals chunk sends in
 * `Web Vital Measured` (`metric`, `value`: milliseconds, CLS unitless) and the published
 * thresholds the report rates them by (web.dev "good" / "needs improvement" bounds at p75). The
 * report rates values itself and never trusts a client's `rating`.
 */
export const VITAL_THRESHOLDS = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
} as const;

/** A metric the vitals chunk reports. */
export type VitalMetric = keyof typeof VITAL_THRESHOLDS;

/** The metrics, in the order the report shows them. */
export const VITAL_METRICS = Object.keys(VITAL_THRESHOLDS) as VitalMetric[];

/** Rating of one value by the published thresholds (bounds inclusive, as web-vitals rates). */
export const rateVital = (metric: VitalMetric, value: number): 'good' | 'needs-improvement' | 'poor' => {
  const [good, poor] = VITAL_THRESHOLDS[metric];
  return value <= good ? 'good' : value <= poor ? 'needs-improvement' : 'poor';
};
