/** The script-tag build: global `touchpoint`. */
export { createTracker } from './core/createTracker';
