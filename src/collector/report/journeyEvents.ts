/**
 * The commerce events that open, keep alive and abandon a cart or a checkout, shared by both
 * report engines (the SQL one writes them into its queries).
 */
export const CART_EVENTS = {
  start: 'Product Added',
  activity: ['Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started'],
  abandoned: 'Cart Abandoned',
} as const;

/** See {@link CART_EVENTS}. */
export const CHECKOUT_EVENTS = {
  start: 'Checkout Started',
  activity: ['Checkout Started', 'Checkout Step Viewed', 'Checkout Step Completed', 'Payment Info Entered'],
  abandoned: 'Checkout Abandoned',
} as const;
