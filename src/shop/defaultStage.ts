/**
 * The default journey stage of an event, by type and name. A page can override it for all its
 * events with `data-tp-stage` on `<body>` (or `<html>`); a call overrides it with
 * `{ journey_stage }`. Returns undefined when there is no default (the tracker's `journeyStage`
 * option then applies).
 */
import { JOURNEY_STAGES } from '../core/limits';
import type { JourneyStage, Properties } from '../core/types';

// Event name (any case, no spaces) per stage, in the order of JOURNEY_STAGES.
const BY_NAME = [
  /^Promotion(Viewed|Clicked)$/i,
  /^(Product(Viewed|List(Viewed|Filtered)|Clicked|Added|Removed|AddedToWishlist)|ProductsSearched|CartViewed)$/i,
  /^(Checkout(Started|Step(Viewed|Completed)|Abandoned)|PaymentInfoEntered|Coupon(Entered|Applied)|OrderCompleted|CartAbandoned)$/i,
  /^Order(Refunded|Cancelled|Updated)$/i,
  /^(Product(Reviewed|Shared)|CartShared|ReferralSent)$/i,
];

/** Campaign parameters or click ids: the visitor came from an ad or a campaign. */
const CAMPAIGN = /[?&](utm_\w+|gclid|gbraid|wbraid|dclid|fbclid|msclkid|ttclid|twclid|li_fat_id)=/;

/**
 * Default stage: a page reached from a campaign or another site is awareness; commerce events by
 * their name (product view → consideration, checkout and order → purchase, refund →
 * post_purchase, review → advocacy …).
 */
export const defaultStage = (
  type: string,
  event: string | undefined,
  _properties?: Properties,
): JourneyStage | undefined => {
  const d = globalThis.document;
  const page = (d?.body?.dataset.tpStage ?? d?.documentElement?.dataset.tpStage) as JourneyStage;
  if (JOURNEY_STAGES.includes(page)) return page;
  if (type == 'page') {
    const ref = /^\w+:\/\/([^/?#]*)/.exec(d?.referrer ?? '')?.[1];
    return CAMPAIGN.test(location.search) || (ref != null && ref != location.host) ? 'awareness' : undefined;
  }
  const n = event?.replace(/\s/g, '');
  return JOURNEY_STAGES[BY_NAME.findIndex((r) => r.test(n!))];
};
