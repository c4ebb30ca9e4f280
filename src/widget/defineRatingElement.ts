import { fromAttributes } from './fromAttributes';
import { startRating } from './startRating';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';

/**
 * Register `<touchpoint-rating>` (or another name). Attributes: `survey-id` (required), `scale`,
 * `survey-type`, `question`, `lang`, `labels` (`|`-separated), `follow-up="none"`,
 * `auto-submit="false"`, `max-length`, `touchpoint`, `journey-stage`, `product-id`, `order-id`,
 * `presentation` (`inline` default, or `floating`), `trigger` (`order-completed`, `exit-intent`,
 * `delay:N`, `event:Name`), `sample-rate`, `cooldown-days`, `max-ignored`, `thanks-ms`, `force`,
 * `nonce`. Properties: `tracker` (else `window.touchpoint` when that is a tracker) and `options`
 * (survey fields merged over the attributes, e.g. follow-ups and strings; set it before the
 * element is connected). The survey starts once the element is connected and a tracker is known.
 * Safe to call twice.
 */
export const defineRatingElement = (name?: string): void => defineElement(fromAttributes, name);

/**
 * Register the element with a given attribute parser. `parse` may return undefined while it is
 * not ready yet (the script-tag chunk loads it lazily); it then calls `el._go()` once it is.
 */
export const defineElement = (
  parse: (el: HTMLElement & { _go(): void }) => ShowRatingOptions | undefined,
  name = 'touchpoint-rating',
): void => {
  if (!self.customElements || customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      declare _t?: RatingTracker;
      declare _h?: RatingHandle;
      /** Survey fields merged over the attributes. */
      declare options?: Partial<ShowRatingOptions>;
      /** The tracker the survey reports through. */
      get tracker() {
        return this._t;
      }
      set tracker(t) {
        this._t = t;
        this._go();
      }
      connectedCallback() {
        // A tracker set before the element was upgraded shadows the accessor: move it over.
        if (Object.prototype.hasOwnProperty.call(this, 'tracker')) {
          const t = this.tracker;
          delete (this as any).tracker;
          this.tracker = t;
        }
        this._go();
      }
      disconnectedCallback() {
        this._h?.close();
        this._h = undefined;
      }
      _go() {
        const t: any = this._t ?? (self as any).touchpoint;
        if (this._h || !this.isConnected || !t?.track || !t.subscribe) return;
        const a = parse(this);
        if (a)
          try {
            this._h = startRating(t, { ...a, ...this.options }, this);
          } catch (e) {
            // A bad definition in markup: say so in the console rather than throw into the page.
            console.error(e);
          }
      }
    },
  );
};
