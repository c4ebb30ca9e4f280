/**
 * `dist/touchpoint.widget.element.js` (global `touchpointWidget_element`): the `<touchpoint-rating>`
 * behaviour beyond its lifecycle callbacks (the `tracker` property, attribute parsing, the start),
 * loaded by the script-tag chunk when the first element connects.
 */
export { installElement } from '../elementBehaviour';
