/**
 * The tracker-only script-tag build `dist/touchpoint.core.js` (global `touchpoint` with
 * `createTracker`): for pages that want the durable queue and delivery without the shop layer
 * (`dist/touchpoint.js` adds commerce, cart, page views, tagging and the stub replay).
 */
export { createTracker } from './createTracker';
