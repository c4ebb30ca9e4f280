/**
 * Script-tag chunk `dist/touchpoint.woocommerce.js` (global `touchpointWoocommerce`): the
 * WooCommerce listener, loaded by the script tag only when it has `data-woocommerce`.
 */
export { listenWooCommerce } from './listenWooCommerce';
