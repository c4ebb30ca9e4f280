/**
 * Web vitals (LCP, INP, CLS, FCP, TTFB from the `web-vitals` package) as `Web Vital Measured`
 * events, recorded per page and touchpoint: the "digital convenience" rung of a shop's
 * experience. Kept out of the core: the script tag loads it as a separate chunk, npm users
 * import `touchpoint/vitals`.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Tracker } from '../core/types';

/** Start reporting the web vitals of this page to `tracker`. Never throws. */
export const trackVitals = (tracker: Pick<Tracker, 'track'>): void => {
  const send = (m: Metric) =>
    tracker.track('Web Vital Measured', {
      metric: m.name,
      // CLS is unitless and small; the others are milliseconds.
      value: Math.round(m.value * (m.name == 'CLS' ? 1e4 : 1)) / (m.name == 'CLS' ? 1e4 : 1),
      delta: Math.round(m.delta * (m.name == 'CLS' ? 1e4 : 1)) / (m.name == 'CLS' ? 1e4 : 1),
      rating: m.rating,
      metric_id: m.id,
      navigation_type: m.navigationType,
    });
  try {
    for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(send);
  } catch {}
};
