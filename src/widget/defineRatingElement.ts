import { startRating } from './startRating';
import type { RatingHandle, RatingTracker, RatingTrigger, ShowRatingOptions } from './types';

const isTracker = (t: unknown): t is RatingTracker =>
  !!t && typeof (t as RatingTracker).track == 'function' && typeof (t as RatingTracker).subscribe == 'function';

/** `trigger="order-completed" | "exit-intent" | "delay:10" | "event:Checkout Started"`. */
const parseTrigger = (v: string | null): RatingTrigger | undefined => {
  if (!v) return;
  const [k, arg = ''] = v.split(/:(.*)/);
  return k == 'order-completed'
    ? { type: 'orderCompleted' }
    : k == 'exit-intent'
      ? { type: 'exitIntent' }
      : k == 'delay'
        ? { type: 'delay', seconds: +arg }
        : k == 'event'
          ? { type: 'event', event: arg }
          : ({ type: k } as RatingTrigger); // unknown: validation names the field
};

/** Read the element's attributes into options (absent attributes stay undefined: defaults apply). */
const fromAttributes = (el: HTMLElement): ShowRatingOptions => {
  const a = (n: string) => el.getAttribute(n) ?? undefined;
  const n = (k: string) => (el.hasAttribute(k) ? +el.getAttribute(k)! : undefined);
  const labels = a('labels');
  return {
    id: a('survey-id')!,
    scale: a('scale') as ShowRatingOptions['scale'],
    type: a('survey-type') as ShowRatingOptions['type'],
    question: a('question'),
    lang: a('lang'),
    labels: labels ? labels.split('|') : undefined,
    followUp: a('follow-up') == 'none' ? false : undefined,
    autoSubmit: a('auto-submit') != 'false',
    maxLength: n('max-length'),
    touchpoint: a('touchpoint'),
    journeyStage: a('journey-stage') as ShowRatingOptions['journeyStage'],
    productId: a('product-id'),
    orderId: a('order-id'),
    presentation: (a('presentation') as ShowRatingOptions['presentation']) ?? 'inline',
    trigger: parseTrigger(el.getAttribute('trigger')),
    sampleRate: n('sample-rate'),
    cooldownDays: n('cooldown-days'),
    maxIgnored: n('max-ignored'),
    thanksMs: n('thanks-ms'),
    force: el.hasAttribute('force'),
    nonce: a('nonce'),
  };
};

/**
 * Register `<touchpoint-rating>` (or another name). Attributes: `survey-id` (required), `scale`,
 * `survey-type`, `question`, `lang`, `labels` (`|`-separated), `follow-up="none"`,
 * `auto-submit="false"`, `max-length`, `touchpoint`, `journey-stage`, `product-id`, `order-id`,
 * `presentation` (`inline` default, or `floating`), `trigger` (`order-completed`, `exit-intent`,
 * `delay:N`, `event:Name`), `sample-rate`, `cooldown-days`, `max-ignored`, `thanks-ms`, `force`,
 * `nonce`. Properties: `tracker` (else `window.touchpoint` when it is a tracker) and `options`
 * (a survey object merged over the attributes, for follow-ups and strings). The survey starts when
 * the element is connected and a tracker is known. Safe to call twice.
 */
export const defineRatingElement = (name = 'touchpoint-rating'): void => {
  if (typeof customElements == 'undefined' || customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      _t?: RatingTracker;
      _o?: Partial<ShowRatingOptions>;
      _h?: RatingHandle;
      /** The tracker the survey reports through. */
      get tracker() {
        return this._t;
      }
      set tracker(t) {
        this._t = t;
        this._go();
      }
      /** Extra survey options (follow-ups, strings …) merged over the attributes. */
      get options() {
        return this._o;
      }
      set options(o) {
        this._o = o;
        this._go();
      }
      connectedCallback() {
        // Properties set before the element was upgraded shadow the accessors: move them over.
        for (const k of ['tracker', 'options'] as const)
          if (Object.prototype.hasOwnProperty.call(this, k)) {
            const v = this[k];
            delete this[k];
            (this as any)[k] = v;
          }
        this._go();
      }
      disconnectedCallback() {
        this._h?.close();
        this._h = undefined;
        this.shadowRoot?.replaceChildren();
      }
      _go() {
        const t = this._t ?? (window as { touchpoint?: unknown }).touchpoint;
        if (this._h || !this.isConnected || !isTracker(t)) return;
        try {
          this._h = startRating(t, { ...fromAttributes(this), ...this._o }, this);
        } catch (e) {
          // A bad definition in markup: say so in the console rather than throw into the page.
          console.error(e);
        }
      }
    },
  );
};
