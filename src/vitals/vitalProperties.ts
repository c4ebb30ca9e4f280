/**
 * The properties of `Web Vital Measured` for one web-vitals report (see the catalogue,
 * src/schema/catalogue.ts): `value` and `delta` in milliseconds, CLS unitless and rounded to four
 * places. Shared by `trackVitals` and the demo seed, so both send the same event the same way.
 */
import type { Metric } from 'web-vitals';

/** The fields of a web-vitals `Metric` the event carries. */
export type VitalReport = Pick<Metric, 'name' | 'value' | 'delta' | 'rating' | 'id' | 'navigationType'>;

/** `Web Vital Measured` properties of a metric report. */
export const vitalProperties = (m: VitalReport) => {
  // CLS is unitless and small; the others are milliseconds.
  const scale = m.name == 'CLS' ? 1e4 : 1;
  return {
    metric: m.name,
    value: Math.round(m.value * scale) / scale,
    delta: Math.round(m.delta * scale) / scale,
    rating: m.rating,
    metric_id: m.id,
    navigation_type: m.navigationType,
  };
};
