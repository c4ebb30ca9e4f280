/**
 * The catalogue: one definition of every event the product emits — its name, who sends it, its
 * default journey stage and each property with its type and unit. The SDK core, the shop layer,
 * the cart, the vitals chunk, the widget, the kiosk, the seed and the report all speak these
 * names. Tests hold them to it: an emitter that sends an event or a property missing here fails
 * (test/node/e2e-catalogue.test.ts and every Chromium test in test/browser/e2e-*), and so does a
 * report that reads an event or property no emitter sends. Data only: the browser bundles never
 * import it (the zod schemas validate, this table describes).
 */
import type { JourneyStage } from '../core/limits';

/** JSON type of a property. */
export type PropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/** One property of an event. */
export interface PropertySpec {
  type: PropertyType | readonly PropertyType[];
  /** Unit of a number (`ms`, `VND`-style currency amounts are `money`, `share` is 0–1). */
  unit?: 'ms' | 'money' | 'share' | 'count' | 'score' | 'unitless' | 'iso-time' | 'bytes';
  /** Sent on every event of this name. */
  required?: boolean;
  /** What it means. */
  doc: string;
}

/** Who sends an event. */
export type Emitter = 'core' | 'shop' | 'cart' | 'vitals' | 'widget' | 'kiosk' | 'platform' | 'server';

/** One event of the catalogue. */
export interface EventSpec {
  /** The parts of the product that send it. */
  emitters: readonly Emitter[];
  /** Stage the SDK gives it when the page and the call name none (`defaultStage`); none: the page's or the tracker's. */
  stage?: JourneyStage;
  /** True when a shop may add properties of its own (commerce events, per the Segment spec). */
  open?: boolean;
  doc: string;
  properties: Readonly<Record<string, PropertySpec>>;
}

const s = (doc: string, required?: boolean): PropertySpec => ({ type: 'string', doc, ...(required ? { required } : {}) });
const n = (doc: string, unit?: PropertySpec['unit'], required?: boolean): PropertySpec => ({
  type: 'number',
  doc,
  ...(unit ? { unit } : {}),
  ...(required ? { required } : {}),
});
const money = (doc: string) => n(doc, 'money');

/** Properties of a product (also the items of `products`), Segment V2 ecommerce. */
export const PRODUCT_PROPERTIES = {
  product_id: s('Product id in the shop'),
  sku: s('Stock-keeping unit'),
  name: s('Product name'),
  brand: s('Brand'),
  category: s('Category'),
  variant: s('Variant (size, colour …)'),
  price: money('Unit price'),
  quantity: { type: 'integer', unit: 'count', doc: 'Number of units, ≥ 1' },
  currency: s('ISO 4217 code of the amounts (`VND`)'),
  coupon: s('Coupon code'),
  position: { type: ['integer', 'string'], doc: 'Position in a list' },
  url: s('Product page URL'),
  image_url: s('Image URL'),
  value: money('Value of the line'),
  cart_id: s('Cart id'),
  list_id: s('Product list id'),
  list_name: s('Product list name'),
  discount: money('Discount on the line'),
  affiliation: s('Store or affiliation'),
} as const satisfies Record<string, PropertySpec>;

/** Properties of order-level events (cart, checkout, order, refund), Segment V2 ecommerce. */
export const ORDER_PROPERTIES = {
  order_id: s('Order id'),
  checkout_id: s('Checkout id'),
  cart_id: s('Cart id'),
  affiliation: s('Store or affiliation'),
  value: money('Value of the cart or order'),
  revenue: money('Revenue of the order'),
  total: money('Total paid'),
  subtotal: money('Total before shipping and tax'),
  shipping: money('Shipping cost'),
  tax: money('Tax'),
  discount: money('Discount'),
  coupon: s('Coupon code'),
  currency: s('ISO 4217 code of the amounts'),
  products: { type: 'array', doc: 'The products, each with the product properties' },
  source: s('`server` when an order webhook recorded it (else the browser sent it)'),
} as const satisfies Record<string, PropertySpec>;

/** Fields of every feedback event (widget and kiosk). */
const SURVEY = {
  survey_id: s('Survey id', true),
  survey_type: s('Instrument: csat, nps, ces, emoji, stars, thumbs, smiley', true),
  scale_min: n('Lowest score of the scale', 'score', true),
  scale_max: n('Highest score of the scale', 'score', true),
  touchpoint: s('Touchpoint the survey asked about'),
  journey_stage: s('Journey stage of that touchpoint'),
  channel: s('web, app, kiosk …'),
  product_id: s('Product the rating concerns'),
  order_id: s('Order the rating concerns (thank-you page, receipt QR code)'),
  store_id: s('Kiosk: store id'),
  device_id: s('Kiosk: terminal id'),
} as const satisfies Record<string, PropertySpec>;

/** Kiosk: the store's wall clock and opening hours (kiosk config `timeZone`, `openingHours`). */
const STORE_TIME = {
  local_time: { type: 'string', unit: 'iso-time', doc: 'Kiosk: the store’s wall-clock time, YYYY-MM-DDTHH:MM:SS in time_zone' },
  time_zone: s('Kiosk: the store’s IANA time zone (Asia/Ho_Chi_Minh)'),
  outside_hours: { type: 'boolean', doc: 'Kiosk with opening hours: true when given while the store was closed (kept, marked)' },
} as const satisfies Record<string, PropertySpec>;

const SUBMITTED = {
  ...SURVEY,
  submission_id: s('One answer: the tap and its completion share it', true),
  score: n('Raw score on the scale', 'score', true),
  label: s('Text label of the chosen point, in the survey language'),
  comment: { type: 'string', doc: 'Open-text answer, or null' },
  reasons: { type: 'array', doc: 'Reasons picked: built-in reason ids (`shipping_cost`) or a shop’s own text' },
  completed: { type: 'boolean', required: true, doc: 'false on the tap when a follow-up follows, true when finished' },
  repeat_presses: n('Kiosk: further presses dropped inside the response interval', 'count'),
  ...STORE_TIME,
} as const satisfies Record<string, PropertySpec>;

const commerce = (stage: JourneyStage | undefined, doc: string, extra: Record<string, PropertySpec> = {}, product = false): EventSpec => ({
  emitters: ['shop'],
  ...(stage ? { stage } : {}),
  open: true,
  doc,
  properties: { ...(product ? PRODUCT_PROPERTIES : ORDER_PROPERTIES), ...extra },
});

/** Properties of `page` events (the SDK adds the page's scrubbed location). */
export const PAGE_PROPERTIES = {
  url: s('Page URL, personal data scrubbed'),
  path: s('Path'),
  title: s('Document title'),
  referrer: s('Referrer, scrubbed'),
  search: s('Query string, scrubbed'),
} as const satisfies Record<string, PropertySpec>;

/** Every track event the product emits, by name. */
export const EVENTS = {
  // Shop: Segment V2 ecommerce.
  'Products Searched': commerce('consideration', 'A search', { query: s('Search text', true) }),
  'Product List Viewed': commerce('consideration', 'A list of products seen', { list_id: s('List id'), category: s('Category') }),
  'Product Clicked': commerce('consideration', 'A product chosen from a list', {}, true),
  'Product Viewed': commerce('consideration', 'A product page seen', {}, true),
  'Product Added': commerce('consideration', 'Added to the cart', {}, true),
  'Product Removed': commerce('consideration', 'Removed from the cart', {}, true),
  'Cart Viewed': commerce('consideration', 'The cart seen'),
  'Checkout Started': commerce('purchase', 'Checkout opened'),
  'Checkout Step Completed': commerce('purchase', 'A checkout step done', {
    step: { type: 'integer', unit: 'count', required: true, doc: 'Step number, ≥ 1' },
    shipping_method: s('Shipping method'),
    payment_method: s('Payment method'),
  }),
  'Checkout Step Viewed': commerce('purchase', 'A checkout step seen', { step: { type: 'integer', unit: 'count', doc: 'Step number, ≥ 1' } }),
  'Payment Info Entered': commerce('purchase', 'Payment details given', { step: { type: 'integer', unit: 'count', doc: 'Step number' }, payment_method: s('Payment method') }),
  'Coupon Entered': commerce('purchase', 'A coupon typed', { coupon_id: s('Coupon id'), coupon_name: s('Coupon name') }),
  'Coupon Applied': commerce('purchase', 'A coupon accepted', { coupon_id: s('Coupon id'), coupon_name: s('Coupon name') }),
  'Order Completed': commerce('purchase', 'An order placed'),
  'Checkout Failed': {
    emitters: ['platform'],
    doc: 'The shop platform refused the checkout (WooCommerce checkout_error): the shopper saw this error',
    properties: { error: s('The error notice the shopper saw, as text') },
  },
  'Order Refunded': commerce('post_purchase', 'An order refunded'),
  'Order Cancelled': commerce('post_purchase', 'An order cancelled'),
  'Order Updated': commerce('post_purchase', 'An order changed after it was placed'),
  'Product List Filtered': commerce('consideration', 'A list filtered or sorted', { list_id: s('List id'), filters: { type: 'array', doc: 'Filters' }, sorts: { type: 'array', doc: 'Sorts' } }),
  'Product Added to Wishlist': commerce('consideration', 'A product saved for later', { wishlist_id: s('Wishlist id') }, true),
  'Product Shared': commerce('advocacy', 'A product shared', { share_via: s('Channel'), share_message: s('Message') }, true),
  'Cart Shared': commerce('advocacy', 'A cart shared', { share_via: s('Channel'), share_message: s('Message') }),
  'Promotion Viewed': commerce('awareness', 'A promotion seen', { promotion_id: s('Promotion id'), creative: s('Creative'), name: s('Name'), position: PRODUCT_PROPERTIES.position }),
  'Promotion Clicked': commerce('awareness', 'A promotion clicked', { promotion_id: s('Promotion id'), creative: s('Creative'), name: s('Name'), position: PRODUCT_PROPERTIES.position }),
  // Cart: sent by the SDK itself once the cart saw no activity for `abandonMinutes`.
  'Cart Abandoned': {
    emitters: ['cart'],
    stage: 'purchase',
    doc: 'A cart with items saw no activity for the window; timestamped when the window ran out',
    properties: { cart_id: ORDER_PROPERTIES.cart_id, products: ORDER_PROPERTIES.products, value: ORDER_PROPERTIES.value, currency: ORDER_PROPERTIES.currency },
  },
  'Checkout Abandoned': {
    emitters: ['cart'],
    stage: 'purchase',
    doc: 'A started checkout saw no order within the window',
    properties: { cart_id: ORDER_PROPERTIES.cart_id, products: ORDER_PROPERTIES.products, value: ORDER_PROPERTIES.value, currency: ORDER_PROPERTIES.currency },
  },
  // Vitals chunk.
  'Web Vital Measured': {
    emitters: ['vitals'],
    doc: 'A web vital of the page (web-vitals); the report rates `value` itself with rateVital',
    properties: {
      metric: s('LCP, INP, CLS, FCP or TTFB', true),
      value: n('Value: milliseconds; CLS unitless', 'ms', true),
      delta: n('Change since the last report of this metric id (same unit as value)', 'ms', true),
      rating: s('The client’s own rating (good, needs-improvement, poor); the report ignores it'),
      metric_id: s('Id of this metric instance on this page load', true),
      navigation_type: s('navigate, reload, back-forward, back-forward-cache, prerender, restore'),
    },
  },
  // Widget and kiosk feedback.
  'Feedback Shown': { emitters: ['widget'], doc: 'A survey appeared', properties: SURVEY },
  'Feedback Submitted': {
    emitters: ['widget', 'kiosk'],
    doc: 'A score (completed: false, when a follow-up follows), then its completion with comment and reasons',
    properties: SUBMITTED,
  },
  'Feedback Dismissed': {
    emitters: ['widget'],
    doc: 'A survey closed without finishing',
    properties: { ...SURVEY, submission_id: s('Set when a score was already given') },
  },
  'Product Reviewed': {
    emitters: ['widget'],
    stage: 'advocacy',
    doc: 'A rating that concerns a product (Segment spec)',
    properties: { product_id: s('Product id', true), review_id: s('The submission id', true), rating: n('The score', 'score', true), review_body: s('Review text') },
  },
  // Kiosk health.
  'Kiosk Heartbeat': {
    emitters: ['kiosk'],
    doc: 'A kiosk is alive: every few minutes between customers',
    properties: {
      store_id: s('Store id', true),
      device_id: s('Terminal id', true),
      queue_depth: n('Events waiting in the kiosk’s queue', 'count'),
      last_delivery_at: { type: 'string', unit: 'iso-time', doc: 'Local time of the last successful delivery' },
      dropped_events: n('Events the queue cap dropped', 'count'),
      battery: n('Battery level 0–1', 'share'),
      charging: { type: 'boolean', doc: 'On power' },
      app_version: s('The kiosk page’s version'),
      online: { type: 'boolean', doc: 'navigator.onLine' },
      storage_persisted: { type: 'boolean', doc: 'navigator.storage.persisted(): kept from eviction (persist() is asked at start; absent where unsupported)' },
      storage_quota: n('navigator.storage.estimate().quota', 'bytes'),
      storage_usage: n('navigator.storage.estimate().usage', 'bytes'),
      ...STORE_TIME,
    },
  },
} as const satisfies Record<string, EventSpec>;

/** Name of an event of the catalogue. */
export type EventName = keyof typeof EVENTS;

/** The catalogue entry of `name`, or undefined for an event the product does not emit. */
export const eventSpec = (name: string): EventSpec | undefined =>
  Object.prototype.hasOwnProperty.call(EVENTS, name) ? (EVENTS as Record<string, EventSpec>)[name] : undefined;

/**
 * Properties of `event` that the catalogue does not know (empty when all are known, or when the
 * event is open to a shop's own properties and `strict` is false). Unknown events list every key.
 */
export const unknownProperties = (event: string, properties: Record<string, unknown>, strict = false): string[] => {
  const spec = eventSpec(event);
  if (spec?.open && !strict) return [];
  return Object.keys(properties).filter((k) => !spec || !Object.prototype.hasOwnProperty.call(spec.properties, k));
};
