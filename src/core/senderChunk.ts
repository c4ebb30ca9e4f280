/**
 * The script tag's chunk `dist/touchpoint.send.js` (global `touchpointSend`), loaded by every tab
 * after the page's load event (see pipelineLazy.ts): the tracker's back end with the IndexedDB
 * queue, the sending tab's lock, the delivery engine (`fetch` with keepalive, `fetchLater`,
 * retries) and the unload journal's recovery.
 */
export { createPipeline } from './pipeline';
