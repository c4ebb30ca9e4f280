/**
 * What scripts/seed.mjs drives: the SDK's own tracker, stages and event builders, bundled from
 * src/ by scripts/loadCollector.mjs (`loadSdk()`). The seed's events are made by these code paths
 * — ids, sessions, timestamps, context, serialisation, batching — not written by hand.
 */
export { createTracker } from '../src/core/createTracker';
export { defaultStage } from '../src/shop/defaultStage';
export { trackCommerce } from '../src/shop/trackCommerce';
export { COMMERCE_EVENTS } from '../src/shop/checkCommerce';
export { vitalProperties } from '../src/vitals/vitalProperties';
export { DEFAULT_REASONS } from '../src/schema/reasons';
export { rateVital } from '../src/schema/vitals';
export { EVENTS } from '../src/schema/catalogue';
export { isoLocal } from '../src/core/isoLocal';
export { memoryStore } from '../src/core/memoryStore';
