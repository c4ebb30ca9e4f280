/**
 * Script-tag chunk `dist/touchpoint.consent.js` (global `touchpointConsent`): the consent-platform
 * listeners, loaded by the script tag only when it has `data-consent-mode` or `data-tcf`.
 */
export { listenConsentMode } from './listenConsentMode';
export { listenTcf } from './listenTcf';
