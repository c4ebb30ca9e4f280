/** `touchpoint/vitals`: web vitals as events (only re-exports). */
export { trackVitals } from './trackVitals';
