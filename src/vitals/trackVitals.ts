/**
 * Web vitals (LCP, INP, CLS, FCP, TTFB from the `web-vitals` package) as `Web Vital Measured`
 * events, recorded per page and touchpoint: the "digital convenience" rung of a shop's
 * experience. Kept out of the core: the script tag loads it as a separate chunk, npm users
 * import `touchpoint/vitals`.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Tracker } from '../core/types';
import { vitalProperties } from './vitalProperties';

/** Start reporting the web vitals of this page to `tracker`. Never throws. */
export const trackVitals = (tracker: Pick<Tracker, 'track'>): void => {
  const send = (m: Metric) => tracker.track('Web Vital Measured', vitalProperties(m));
  try {
    for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(send);
  } catch {}
};
