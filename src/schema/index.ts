/** `touchpoint/schema`: the wire format as zod/mini schemas, shared by SDK and collector. */
export * from './event';
export { LIMITS, CHANNELS, JOURNEY_STAGES } from '../core/limits';
export type { Channel, JourneyStage } from '../core/limits';
export * from './feedback';
export * from './commerce';
export * from './reasons';
export * from './vitals';
export * from './bots';
export * from './catalogue';
