/**
 * Typed commerce tracking for npm users: `trackCommerce(tracker, 'Product Added', { product_id,
 * price, quantity, currency })` — the property types follow the event name. Bad properties are
 * reported through the tracker's `onError` (code `invalid_call`) and the event is not sent.
 */
import type { CallOptions, Tracker } from '../core/types';
import { checkCommerce } from './checkCommerce';
import type { CommerceEvent, CommerceEvents } from './commerceTypes';

/** Track a commerce event with typed, checked properties. Never throws. */
export const trackCommerce = <E extends CommerceEvent>(
  tracker: Tracker,
  event: E,
  properties: CommerceEvents[E],
  options?: CallOptions,
): void => {
  const m = checkCommerce(event, properties);
  if (!m) return tracker.track(event, properties, options);
  try {
    tracker.options.onError?.({ code: 'invalid_call', message: m });
  } catch {}
};
