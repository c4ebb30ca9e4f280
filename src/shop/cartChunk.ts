/**
 * Script-tag chunk `dist/touchpoint.cart.js` (global `touchpointCart`): the cart and its
 * abandonment, loaded by the core script (see `lazyCart.ts`) at the first cart event, or at start
 * when a cart with items is stored.
 */
export { trackCart } from './trackCart';
