/**
 * Script-tag chunk `dist/touchpoint.widget.js`: sets the global `touchpointWidget` and registers
 * `<touchpoint-rating>` so plain HTML pages can use the element with no JavaScript.
 */
import { defineRatingElement } from './defineRatingElement';
import { showRating } from './showRating';

defineRatingElement();

export { showRating, defineRatingElement };
