/**
 * Script-tag chunk `dist/touchpoint.widget.js`: sets the global `touchpointWidget` and registers
 * `<touchpoint-rating>` so plain HTML pages can use the element with no JavaScript. Rarely needed
 * parts load on demand from next to this file (see `loadChunk.ts`): the element's attribute
 * parsing (`touchpoint.widget.element.js`) and, through `viLazy.ts`, the Vietnamese texts
 * (`touchpoint.widget.vi.js`).
 */
import { defineElement } from './defineRatingElement';
import type { fromAttributes } from './fromAttributes';
import { loadChunk } from './loadChunk';
import { showRating } from './showRating';

let parse: typeof fromAttributes | undefined;

/** Register `<touchpoint-rating>` (or another name); its attributes are read by a lazy chunk. */
export const defineRatingElement = (name?: string): void =>
  defineElement(
    (el) =>
      parse?.(el) ??
      void loadChunk('element').then(
        (m) => ((parse = m.fromAttributes), el._go()),
        (e) => console.error(e),
      ),
    name,
  );

defineRatingElement();

export { showRating };
