/**
 * The default journey stage of an event, by type and name. A page can override it for all its
 * events with `data-tp-stage` on `<body>` (or `<html>`); a call overrides it with
 * `{ journey_stage }`. Returns undefined when there is no default (the tracker's `journeyStage`
 * option then applies).
 */
import { JOURNEY_STAGES } from '../core/limits';
import type { JourneyStage, Properties } from '../core/types';
import { eventStage } from './eventStage';

/**
 * Default stage: the page's `data-tp-stage`, else by the event (`eventStage`): a page reached
 * from a campaign or another site is awareness; commerce events by their name (product view →
 * consideration, checkout and order → purchase, refund → post_purchase, review → advocacy …).
 */
export const defaultStage = (
  type: string,
  event: string | undefined,
  _properties?: Properties,
): JourneyStage | undefined => {
  const d = globalThis.document;
  const page = (d?.body?.dataset.tpStage ?? d?.documentElement?.dataset.tpStage) as JourneyStage;
  if (JOURNEY_STAGES.includes(page)) return page;
  return eventStage(type, event, { url: globalThis.location?.href, referrer: d?.referrer });
};
