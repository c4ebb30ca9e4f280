/**
 * `dist/touchpoint.widget.element.js` (global `touchpointWidget_element`): the attribute parsing of
 * `<touchpoint-rating>`, loaded by the script-tag chunk when the first element connects.
 */
export { fromAttributes } from '../fromAttributes';
