/**
 * Shopify Web Pixels standard events → our Segment V2 events. Payload shapes are those of the
 * Web Pixels API reference (`ProductVariant`, `CartLine`, `Cart`, `Checkout`, `MoneyV2` with a
 * numeric `amount`). Order and cart ids are normalised to what the order webhook stores
 * (`src/collector/webhooks/shopifyOrder.ts`): the numeric order id, the bare cart token.
 */

type Json = Record<string, any>;
type Props = Record<string, unknown>;

/** A Segment event from a pixel event: `type` plus `event` (track) or nothing (page). */
export interface MappedEvent {
  type: 'track' | 'page';
  event?: string;
  properties: Props;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined;
const money = (m: unknown): number | undefined => {
  const n = Number(obj(m).amount);
  return obj(m).amount != null && Number.isFinite(n) && n >= 0 ? n : undefined;
};
const currency = (m: unknown): string | undefined => text(obj(m).currencyCode);
const defined = (o: Props): Props => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

/** `gid://shopify/Order/450789469` → `450789469`; other ids unchanged. */
export const bareId = (id: unknown): string | undefined => {
  const t = text(id);
  return t?.replace(/^gid:\/\/shopify\/\w+\//, '').replace(/\?.*$/, '');
};

/** A `ProductVariant` → a Segment product. */
export const variantProduct = (variant: unknown): Props => {
  const v = obj(variant);
  const p = obj(v.product);
  return defined({
    product_id: bareId(p.id),
    variant: bareId(v.id),
    sku: text(v.sku),
    name: text(p.title) ?? text(v.title),
    brand: text(p.vendor),
    category: text(p.type),
    price: money(v.price),
    currency: currency(v.price),
    url: text(p.url),
    image_url: text(obj(v.image).src),
  });
};

/** The order-level properties of a `Checkout`. */
const checkoutProps = (checkout: unknown, cartId: string | undefined): Props => {
  const c = obj(checkout);
  return defined({
    checkout_id: text(c.token),
    cart_id: cartId,
    value: money(c.totalPrice),
    currency: text(c.currencyCode) ?? currency(c.totalPrice),
    coupon: text(list(c.discountApplications)[0]?.title),
    products: list(c.lineItems).map((li) => defined({ ...variantProduct(li.variant), name: text(li.title) ?? variantProduct(li.variant).name, quantity: li.quantity })),
  });
};

const STEPS: Record<string, number> = {
  checkout_contact_info_submitted: 1,
  checkout_address_info_submitted: 2,
  checkout_shipping_info_submitted: 3,
};

/**
 * Our event for a standard pixel event, or undefined for events we do not record. `cartId` is
 * the cart of the page (`init.data.cart.id`), for the cart events that do not carry it.
 */
export const mapShopifyEvent = (name: string, data: unknown, cartId?: string): MappedEvent | undefined => {
  const d = obj(data);
  const track = (event: string, properties: Props): MappedEvent => ({ type: 'track', event, properties: defined(properties) });
  switch (name) {
    case 'page_viewed':
      return { type: 'page', properties: {} };
    case 'product_viewed':
      return track('Product Viewed', variantProduct(d.productVariant));
    case 'collection_viewed': {
      const c = obj(d.collection);
      return track('Product List Viewed', { list_id: bareId(c.id), category: text(c.title), products: list(c.productVariants).map(variantProduct) });
    }
    case 'search_submitted':
      return track('Products Searched', { query: text(obj(d.searchResult).query) });
    case 'product_added_to_cart':
    case 'product_removed_from_cart': {
      const line = obj(d.cartLine);
      return track(name == 'product_added_to_cart' ? 'Product Added' : 'Product Removed', {
        ...variantProduct(line.merchandise),
        quantity: Number.isInteger(line.quantity) && line.quantity > 0 ? line.quantity : undefined,
        cart_id: cartId,
      });
    }
    case 'cart_viewed': {
      const cart = obj(d.cart);
      return track('Cart Viewed', {
        cart_id: bareId(cart.id) ?? cartId,
        value: money(obj(cart.cost).totalAmount),
        currency: currency(obj(cart.cost).totalAmount),
        products: list(cart.lines).map((l) => defined({ ...variantProduct(l.merchandise), quantity: l.quantity })),
      });
    }
    case 'checkout_started':
      return track('Checkout Started', checkoutProps(d.checkout, cartId));
    case 'checkout_contact_info_submitted':
    case 'checkout_address_info_submitted':
    case 'checkout_shipping_info_submitted': {
      const c = obj(d.checkout);
      const method = text(obj(obj(c.delivery).selectedDeliveryOptions?.[0]).title) ?? text(obj(c.shippingLine).title);
      return track('Checkout Step Completed', { checkout_id: text(c.token), step: STEPS[name], shipping_method: STEPS[name] == 3 ? method : undefined });
    }
    case 'payment_info_submitted': {
      const c = obj(d.checkout);
      return track('Payment Info Entered', { checkout_id: text(c.token), step: 4, payment_method: text(obj(list(c.transactions)[0]?.gateway).name ?? list(c.transactions)[0]?.gateway) });
    }
    case 'checkout_completed': {
      const c = obj(d.checkout);
      const base = checkoutProps(c, cartId);
      return track('Order Completed', {
        order_id: bareId(obj(c.order).id),
        ...base,
        revenue: base.value,
        tax: money(c.totalTax),
        shipping: money(obj(c.shippingLine).price),
        discount: money(c.discountsAmount),
      });
    }
  }
  return undefined;
};
