/**
 * `listenDataLayer(tracker, options)`: records the GA4 ecommerce events a shop already pushes to
 * its Google Tag Manager / gtag data layer — both `dataLayer.push({event: 'purchase', ecommerce})`
 * and `gtag('event', 'purchase', params)` — as our Segment V2 events (see `mapGa4Event.ts`),
 * including what was pushed before it started. Other pushes (`gtm.js`, page variables, the
 * `{ecommerce: null}` reset GTM recommends before each event) are ignored. A `purchase` whose
 * `transaction_id` this browser has already recorded is skipped (see `orderMemory.ts`); the ids
 * are stored only under granted consent, as the tracker's own state.
 */
import type { Tracker } from '../core/types';
import { mapGa4Event } from './mapGa4Event';
import { gtagCall, observeDataLayer } from './observeDataLayer';
import { orderMemory } from './orderMemory';
import { noteConsent, trackerConsent } from './trackerConsent';

/** Options of {@link listenDataLayer}. */
export interface DataLayerOptions {
  /** Name of the data-layer array on `window`. Default `'dataLayer'`. */
  name?: string;
}

/** What the listener needs of a tracker (a shop tracker checks the commerce properties too). */
export type DataLayerTracker = Pick<Tracker, 'track' | 'subscribe' | 'options' | 'setConsent'>;

/** Start listening; returns a function that stops. Throws a TypeError only for a missing tracker. */
export const listenDataLayer = (tracker: DataLayerTracker, options: DataLayerOptions = {}): (() => void) => {
  if (typeof tracker?.track !== 'function') throw new TypeError('touchpoint: listenDataLayer(tracker): a tracker is required');
  const name = typeof options.name === 'string' && options.name ? options.name : 'dataLayer';
  const { storageKey, gpc } = tracker.options;
  const gpcOn = (globalThis.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
  // The order memory is written only under granted consent: what the consent-platform listeners
  // set (whichever chunk arrived first), else the tracker's initial option; a later
  // `tracker.setConsent()` on this object is seen too. GPC's anonymous mode keeps nothing beyond
  // the page; its deny mode never grants.
  const mayStore = () => trackerConsent(tracker) === 'granted' && !(gpcOn && gpc !== 'ignore');
  const orders = orderMemory(storageKey, mayStore);
  const setConsent = tracker.setConsent;
  const watched: typeof setConsent = (state) => {
    noteConsent(tracker, state);
    setConsent.call(tracker, state);
    orders.save();
  };
  tracker.setConsent = watched;
  // Remembered once the tracker has accepted the order (it drops everything while consent is denied).
  const off = tracker.subscribe((e) => {
    const id = e.type === 'track' && e.event === 'Order Completed' ? e.properties?.order_id : undefined;
    if (typeof id === 'string') orders.add(id);
  });
  const stop = observeDataLayer(name, (entry) => {
    const call = gtagCall(entry);
    const push = call ? undefined : (entry as { event?: unknown; ecommerce?: unknown } | null);
    const [event, params] = call ? (call[0] === 'event' ? [call[1], call[2]] : []) : [push?.event, push?.ecommerce];
    if (typeof event !== 'string' || !params || typeof params !== 'object') return;
    for (const [segmentEvent, properties] of mapGa4Event(event, params)) {
      const orderId = segmentEvent === 'Order Completed' ? properties.order_id : undefined;
      if (typeof orderId === 'string' && orders.has(orderId)) continue;
      tracker.track(segmentEvent, properties);
    }
  });
  return () => {
    stop();
    off();
    if (tracker.setConsent === watched) tracker.setConsent = setConsent;
  };
};
