/**
 * Script-tag chunk `dist/touchpoint.tag.js` (global `touchpointTag`): HTML tagging, loaded by the
 * core script (see `lazyTag.ts`) once the page has a `data-tp-event` or `data-tp-view` element.
 */
export { tagElements } from './tagElements';
