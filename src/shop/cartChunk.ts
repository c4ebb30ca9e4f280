/**
 * Script-tag chunk `dist/touchpoint.cart.js` (global `touchpointCart`): the cart and its
 * abandonment, and exit intent; loaded by the core script (see `lazyCart.ts`) at the first cart
 * event, at start when a cart with items is stored, or when exit intent is subscribed to.
 */
export { onExitIntent } from './onExitIntent';
export { trackCart } from './trackCart';
