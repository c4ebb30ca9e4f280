/**
 * The journey stage an event gets from what it is, without a page to ask: commerce events by
 * their name, a page view from a campaign or another site as awareness. The SDK's `defaultStage`
 * (which first honours `<body data-tp-stage>`) and the collector (which derives the stage of
 * plain Segment traffic at ingest) both call this one function, so they cannot disagree.
 */
import { JOURNEY_STAGES } from '../core/limits';
import type { JourneyStage } from '../core/types';

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

/** Host of an absolute URL, or undefined. */
const hostOf = (url: string | undefined) => /^\w+:\/\/([^/?#]*)/.exec(url ?? '')?.[1];

/**
 * Stage of an event by its type and name; for a page view, by where the visitor came from
 * (`url`: the page, `referrer`: the page before). Undefined when nothing says.
 */
export const eventStage = (
  type: string,
  event: string | undefined,
  page?: { url?: string; referrer?: string },
): JourneyStage | undefined => {
  if (type == 'page') {
    const ref = hostOf(page?.referrer);
    return CAMPAIGN.test(page?.url ?? '') || (ref != null && ref != hostOf(page?.url)) ? 'awareness' : undefined;
  }
  const n = event?.replace(/\s/g, '');
  return JOURNEY_STAGES[BY_NAME.findIndex((r) => r.test(n!))];
};
