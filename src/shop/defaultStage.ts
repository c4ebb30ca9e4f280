/**
 * The default journey stage of an event, by type and name. A page can override it for all its
 * events with `data-tp-stage` on `<body>` (or `<html>`); a call overrides it with
 * `{ journey_stage }`. Returns undefined when there is no default (the tracker's `journeyStage`
 * option then applies).
 */
import { JOURNEY_STAGES } from '../core/limits';
import type { JourneyStage, Properties } from '../core/types';

// Event name (lower case, no spaces) -> stage initial. Names not listed have no default.
const BY_NAME: Record<string, string> = {};
for (const [stage, names] of [
  ['awareness', 'promotionviewed promotionclicked'],
  ['consideration', 'productviewed productlistviewed productlistfiltered productssearched productclicked productadded productremoved cartviewed productaddedtowishlist'],
  ['purchase', 'checkoutstarted checkoutstepviewed checkoutstepcompleted paymentinfoentered couponentered couponapplied ordercompleted cartabandoned checkoutabandoned'],
  ['post_purchase', 'orderrefunded ordercancelled orderupdated'],
  ['advocacy', 'productreviewed productshared cartshared referralsent'],
] as const)
  for (const n of names.split(' ')) BY_NAME[n] = stage;

/** Campaign parameters or click ids: the visitor came from an ad or a campaign. */
const CAMPAIGN = /[?&](utm_\w+|gclid|gbraid|wbraid|fbclid|msclkid|ttclid|twclid|li_fat_id|dclid)=/;

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
  const page = (d?.body?.dataset.tpStage ?? d?.documentElement?.dataset.tpStage) as JourneyStage | undefined;
  if (JOURNEY_STAGES.includes(page!)) return page;
  if (type == 'page') {
    const ref = d?.referrer;
    let external = false;
    try {
      external = !!ref && new URL(ref).host != location.host;
    } catch {}
    return CAMPAIGN.test(location.search) || external ? 'awareness' : undefined;
  }
  return event ? (BY_NAME[event.toLowerCase().replace(/\s/g, '')] as JourneyStage | undefined) : undefined;
};
