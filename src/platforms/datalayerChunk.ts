/**
 * Script-tag chunk `dist/touchpoint.datalayer.js` (global `touchpointDatalayer`): the GA4
 * data-layer listener, loaded by the script tag only when it has `data-datalayer`.
 */
export { listenDataLayer } from './listenDataLayer';
