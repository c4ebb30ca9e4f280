import { startRating } from './startRating';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';

/** Read every attribute as an option: `product-id` → `productId`; absent ones keep their defaults. */
const fromAttributes = (el: HTMLElement): ShowRatingOptions => {
  const o: Record<string, any> = { presentation: 'inline' };
  for (const { name, value } of el.attributes)
    o[name.replace(/-(.)/g, (_, c: string) => c.toUpperCase())] = /^(max|sample|cooldown|thanks)-/.test(name) ? +value : value;
  // trigger="order-completed" | "exit-intent" | "delay:10" | "event:Checkout Started"
  const [k, arg] = (o.trigger ?? '').split(/:(.*)/);
  return {
    ...o,
    id: o.surveyId,
    type: o.surveyType,
    labels: o.labels?.split('|'),
    followUp: o.followUp == 'none' ? false : undefined,
    autoSubmit: o.autoSubmit != 'false',
    force: o.force != null,
    trigger: k
      ? k == 'delay'
        ? { type: k, seconds: +arg }
        : k == 'event'
          ? { type: k, event: arg }
          : { type: k == 'order-completed' ? 'orderCompleted' : k == 'exit-intent' ? 'exitIntent' : k }
      : undefined,
  } as ShowRatingOptions;
};

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
export const defineRatingElement = (name = 'touchpoint-rating'): void => {
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
        this.shadowRoot?.replaceChildren();
      }
      _go() {
        const t: any = this._t ?? (self as any).touchpoint;
        if (this._h || !this.isConnected || typeof t?.track != 'function' || typeof t.subscribe != 'function') return;
        try {
          this._h = startRating(t, { ...fromAttributes(this), ...this.options }, this);
        } catch (e) {
          // A bad definition in markup: say so in the console rather than throw into the page.
          console.error(e);
        }
      }
    },
  );
};
