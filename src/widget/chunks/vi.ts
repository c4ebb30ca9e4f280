/** `dist/touchpoint.widget.vi.js` (global `touchpointWidget_vi`): the Vietnamese texts, on demand. */
export { vi } from '../vi';
