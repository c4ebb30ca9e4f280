/**
 * Script-tag chunk `dist/touchpoint.vitals.js` (global `touchpointVitals`), loaded by the core
 * script: reports the web vitals to the page's `window.touchpoint`.
 */
import { trackVitals } from './trackVitals';

const t = (window as unknown as { touchpoint?: { track?: unknown } }).touchpoint;
if (typeof t?.track == 'function') trackVitals(t as Parameters<typeof trackVitals>[0]);

export { trackVitals };
