/** `touchpoint/platforms`: listeners for what shops already emit (GA4 data layer, WooCommerce, consent platforms). Only re-exports. */
export { listenDataLayer } from './listenDataLayer';
export type { DataLayerOptions, DataLayerTracker } from './listenDataLayer';
export { mapGa4Event, productOf, GA4_EVENTS } from './mapGa4Event';
export { observeDataLayer, gtagCall } from './observeDataLayer';
export type { DataLayerEntry } from './observeDataLayer';
export { listenConsentMode, consentModeState } from './listenConsentMode';
export type { ConsentModeOptions } from './listenConsentMode';
export { listenTcf, tcfState } from './listenTcf';
export type { TcData, TcfOptions } from './listenTcf';
export { isAutomatedBrowser } from './isAutomatedBrowser';
export { listenWooCommerce } from './listenWooCommerce';
export type { WooCommerceOptions } from './listenWooCommerce';
export { readWooCart, cartChanges } from './wooCart';
export type { WooCart, WooLine } from './wooCart';
