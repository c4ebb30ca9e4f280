/** `dist/touchpoint.widget.reasons.js` (global `touchpointWidget_reasons`): built-in reasons and their labels, on demand. */
export { reasons } from '../reasonTables';
