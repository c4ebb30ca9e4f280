import { num, text, type ReportRow } from './reportRows';

/** How a cart or a checkout ended. */
export interface Outcome {
  kind: 'cart' | 'checkout';
  /** `ordered`; `abandoned`; `open` while its window has not run out yet. */
  status: 'ordered' | 'abandoned' | 'open';
  /** For abandoned ones: `sdk` when the SDK sent `Cart Abandoned` / `Checkout Abandoned`, else `derived`. */
  source?: 'sdk' | 'derived';
  person: string;
  session: string;
  cartId?: string;
  channel: string | null;
  /** Where the shopper was when they left (abandoned) or last acted. */
  touchpoint: string | null;
  stage: string | null;
  startedAt: number;
  lastAt: number;
  value?: number;
}

/** Options of {@link deriveAbandonment}. */
export interface AbandonmentOptions {
  /** Inactivity after the last cart/checkout action after which, without an order, it is abandoned. */
  windowMs: number;
  /** The report's "now": carts younger than the window are still `open`. */
  now: number;
}

const CART_ACTIVITY = new Set(['Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started']);
const CHECKOUT_ACTIVITY = new Set(['Checkout Started', 'Checkout Step Viewed', 'Checkout Step Completed', 'Payment Info Entered']);

interface Open extends Outcome {
  sdkTouchpoint?: string | null;
  sdkStage?: string | null;
}

/**
 * Carts and checkouts and how they ended, shopper by shopper in time order.
 *
 * A cart opens at `Product Added`; any cart action keeps it alive; `Order Completed` closes it as
 * ordered. With no order within `windowMs` of its last action it is abandoned. The SDK's own
 * `Cart Abandoned` (sent when a shopper leaves with a full cart) marks the *same* cart — matched
 * by `cart_id`, else by being the shopper's open cart — so it is counted once, as `sdk`; if the
 * shopper comes back and orders within the window, it is not an abandonment at all. A
 * `Cart Abandoned` with no cart seen in the range counts once per `cart_id` (or session).
 * Checkouts work the same from `Checkout Started` with `Checkout Abandoned`.
 */
export const deriveAbandonment = (rows: readonly ReportRow[], { windowMs, now }: AbandonmentOptions): Outcome[] => {
  const byPerson = new Map<string, ReportRow[]>();
  for (const row of rows) {
    const list = byPerson.get(row.person);
    if (list) list.push(row);
    else byPerson.set(row.person, [row]);
  }
  const out: Outcome[] = [];
  for (const events of byPerson.values()) {
    events.sort((a, b) => a.timestamp - b.timestamp);
    const open: { cart: Open | null; checkout: Open | null } = { cart: null, checkout: null };
    const sdkSeen = new Set<string>();
    let lastTp: { touchpoint: string | null; stage: string | null } = { touchpoint: null, stage: null };

    const close = (kind: 'cart' | 'checkout', status: 'ordered' | 'abandoned' | 'open') => {
      const item = open[kind];
      if (!item) return;
      open[kind] = null;
      const { sdkTouchpoint, sdkStage, ...outcome } = item;
      if (status === 'abandoned') {
        const sdk = sdkTouchpoint !== undefined;
        out.push({
          ...outcome,
          status,
          source: sdk ? 'sdk' : 'derived',
          touchpoint: sdk ? sdkTouchpoint : lastTp.touchpoint,
          stage: sdk ? (sdkStage ?? null) : lastTp.stage,
        });
      } else out.push({ ...outcome, status });
    };
    const start = (kind: 'cart' | 'checkout', row: ReportRow): Open => ({
      kind,
      status: 'open',
      person: row.person,
      session: row.session,
      channel: row.channel,
      touchpoint: row.touchpoint,
      stage: row.journeyStage,
      startedAt: row.timestamp,
      lastAt: row.timestamp,
      ...(text(row.props.cart_id) ? { cartId: text(row.props.cart_id)! } : {}),
    });

    for (const row of events) {
      for (const kind of ['cart', 'checkout'] as const) {
        const item = open[kind];
        if (item && row.timestamp - item.lastAt > windowMs) close(kind, 'abandoned');
      }
      const name = row.event;
      if (name === 'Product Added' && !open.cart) open.cart = start('cart', row);
      if (name === 'Checkout Started' && !open.checkout) open.checkout = start('checkout', row);
      if (name && CART_ACTIVITY.has(name) && open.cart) {
        open.cart.lastAt = row.timestamp;
        open.cart.cartId ??= text(row.props.cart_id);
        if (open.cart.cartId === undefined) delete open.cart.cartId;
      }
      if (name && CHECKOUT_ACTIVITY.has(name) && open.checkout) open.checkout.lastAt = row.timestamp;
      if (name === 'Order Completed') {
        const value = num(row.props.revenue) ?? num(row.props.value) ?? num(row.props.total);
        for (const kind of ['cart', 'checkout'] as const) {
          if (open[kind] && value !== undefined) open[kind]!.value = value;
          close(kind, 'ordered');
        }
      }
      if (name === 'Cart Abandoned' || name === 'Checkout Abandoned') {
        const kind = name === 'Cart Abandoned' ? 'cart' : 'checkout';
        const cartId = text(row.props.cart_id);
        const key = `${kind}|${cartId ?? row.session}`;
        const item = open[kind];
        const value = num(row.props.value) ?? num(row.props.revenue);
        if (item && (!cartId || !item.cartId || item.cartId === cartId)) {
          item.sdkTouchpoint ??= row.touchpoint;
          item.sdkStage ??= row.journeyStage;
          if (value !== undefined) item.value = value;
        } else if (!sdkSeen.has(key)) {
          // The cart began before the report's range (or on another device): count the SDK's word.
          out.push({
            ...start(kind, row),
            status: 'abandoned',
            source: 'sdk',
            ...(value !== undefined ? { value } : {}),
          });
        }
        sdkSeen.add(key);
      }
      if (row.touchpoint) lastTp = { touchpoint: row.touchpoint, stage: row.journeyStage };
    }
    for (const kind of ['cart', 'checkout'] as const) {
      const item = open[kind];
      if (item) close(kind, item.sdkTouchpoint !== undefined || now - item.lastAt > windowMs ? 'abandoned' : 'open');
    }
  }
  return out;
};
