/**
 * A Shopify pixel event → the Segment event the pixel sends: the mapping of
 * `mapShopifyEvent.ts` plus the common fields. `anonymousId` is Shopify's `clientId`,
 * `messageId` is `shopify:<event id>` (a resend dedupes), the time is Shopify's, and the context
 * carries the storefront page (from the event: the sandbox has no page of its own).
 */
import { mapShopifyEvent } from './mapShopifyEvent';

/** One serialised event, with its `messageId`. */
export interface PixelEntry {
  id: string;
  json: string;
}

const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0';

/** The event to send for a pixel event, or undefined for one we do not record. */
export const pixelEvent = (e: any, cartId: string | undefined): PixelEntry | undefined => {
  const mapped = mapShopifyEvent(String(e?.name), e?.data, cartId);
  if (!mapped || typeof e?.id !== 'string') return;
  const doc = e.context?.document ?? {};
  const loc = doc.location ?? {};
  const page = { url: loc.href, path: loc.pathname, search: loc.search, title: doc.title, referrer: doc.referrer };
  const messageId = `shopify:${e.id}`.slice(0, 100);
  const event = {
    type: mapped.type,
    ...(mapped.event ? { event: mapped.event } : {}),
    messageId,
    anonymousId: typeof e.clientId === 'string' && e.clientId ? e.clientId : 'shopify:unknown',
    timestamp: e.timestamp,
    context: {
      library: { name: 'touchpoint-shopify-pixel', version: VERSION },
      page,
      userAgent: e.context?.navigator?.userAgent,
      locale: e.context?.navigator?.language,
      channel: 'web',
      touchpoint: typeof loc.pathname === 'string' ? loc.pathname.slice(0, 200) : undefined,
    },
    properties: mapped.type == 'page' ? { ...page, ...mapped.properties } : mapped.properties,
  };
  return { id: messageId, json: JSON.stringify(event) };
};
