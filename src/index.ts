/** touchpoint: the npm entry. Only re-exports; the widget, kiosk and collector are subpaths. */
export { createTracker } from './core/createTracker';
export type {
  Tracker,
  TrackerOptions,
  ResolvedOptions,
  CallOptions,
  ConsentState,
  GpcMode,
  Properties,
  TouchpointError,
  ErrorCode,
  EventListener,
  Channel,
  JourneyStage,
  TouchpointEvent,
} from './core/types';
// Shop layer: one concept per file in src/shop/, each tree-shakable on its own.
export { createShopTracker } from './shop/createShopTracker';
export type { ShopOptions, ShopTracker, ShopDeps } from './shop/createShopTracker';
export { checkCommerce, COMMERCE_EVENTS, isCurrency } from './shop/checkCommerce';
export { trackCommerce } from './shop/trackCommerce';
export type { CommerceEvents, CommerceEvent, Product, OrderProperties } from './shop/commerceTypes';
export { trackCart, cartValue } from './shop/trackCart';
export type { Cart, CartItem, CartHandle, CartOptions } from './shop/trackCart';
export { trackPageViews } from './shop/trackPageViews';
export { tagElements, tagProperties } from './shop/tagElements';
export { onExitIntent } from './shop/onExitIntent';
export { createUrlFilter, scrubUrl, SCRUB_PARAMS } from './shop/scrubUrl';
export { defaultStage } from './shop/defaultStage';
export { stubSnippet } from './shop/stubSnippet';
