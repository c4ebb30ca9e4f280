import { installElement, type RatingElement } from './elementBehaviour';
import { startRating } from './startRating';

/**
 * Register `<touchpoint-rating>` (or another name). Attributes: `survey-id` (required), `scale`,
 * `survey-type`, `question`, `lang`, `labels` (`|`-separated), `follow-up="none"`,
 * `reason-set` (`checkout`, `order`, `kiosk` or `none`),
 * `auto-submit="false"`, `max-length`, `touchpoint`, `journey-stage`, `product-id`, `order-id`,
 * `presentation` (`inline` default, or `floating`), `trigger` (`order-completed`, `exit-intent`,
 * `delay:N`, `event:Name`), `sample-rate`, `cooldown-days`, `max-ignored`, `thanks-ms`, `force`,
 * `nonce`. Properties: `tracker` (else `window.touchpoint` when that is a tracker) and `options`
 * (survey fields merged over the attributes, e.g. follow-ups and strings; set it before the
 * element is connected). The survey starts once the element is connected and a tracker is known.
 * Safe to call twice.
 */
export const defineRatingElement = (name?: string): void =>
  defineElement((el) => {
    installElement(el, startRating);
    el._go();
  }, name);

/**
 * Register the element with only its lifecycle callbacks: `connect` runs on every connection and
 * installs the rest (`installElement`) before calling `el._go()` — at once, or once the
 * script-tag chunk has loaded it.
 */
export const defineElement = (connect: (el: RatingElement) => void, name = 'touchpoint-rating'): void => {
  if (!self.customElements || customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      connectedCallback() {
        connect(this as unknown as RatingElement);
      }
      disconnectedCallback() {
        const el = this as unknown as RatingElement;
        el._h?.close();
        el._h = undefined;
      }
    },
  );
};
