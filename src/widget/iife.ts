/**
 * Script-tag chunk `dist/touchpoint.widget.js`: sets the global `touchpointWidget` and registers
 * `<touchpoint-rating>` so plain HTML pages can use the element with no JavaScript. Rarely needed
 * parts load on demand from next to this file (see `loadChunk.ts`): the element's behaviour and
 * attribute parsing (`touchpoint.widget.element.js`) and, through `viLazy.ts`, the Vietnamese
 * texts (`touchpoint.widget.vi.js`).
 */
import { defineElement } from './defineRatingElement';
import { loadChunk } from './loadChunk';
import { showRating } from './showRating';
import { startRating } from './startRating';

/** Register `<touchpoint-rating>` (or another name); its behaviour is a lazy chunk. */
export const defineRatingElement = (name?: string): void =>
  defineElement(
    (el) =>
      void loadChunk('element').then(
        (m) => (m.installElement(el, startRating), el._go()),
        console.error,
      ),
    name,
  );

defineRatingElement();

export { showRating };
