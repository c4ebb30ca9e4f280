import { fromAttributes } from './fromAttributes';
import type { startRating } from './startRating';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';

/** A `<touchpoint-rating>` element: its public properties and the widget's internal state. */
export interface RatingElement extends HTMLElement {
  /** The tracker the survey reports through (else `window.touchpoint` when that is a tracker). */
  tracker?: RatingTracker;
  /** Survey fields merged over the attributes. */
  options?: Partial<ShowRatingOptions>;
  _t?: RatingTracker;
  _h?: RatingHandle;
  /** Start the survey when connected and a tracker is known (once). */
  _go(): void;
}

/**
 * Everything of the element beyond its lifecycle callbacks (`defineElement`): the `tracker`
 * property and the start from the attributes, installed once on the element's class. The npm entry
 * installs it at the first connection; the script-tag chunk loads it (`touchpoint.widget.element.js`)
 * and passes its own `startRating`, so both share one screen lock and store. A tracker set before
 * this is installed (or before the element was upgraded) is an own property: `_go` moves it over.
 */
export const installElement = (el: RatingElement, start: typeof startRating): void => {
  const proto = Object.getPrototypeOf(el) as RatingElement;
  if (proto.hasOwnProperty('_go')) return;
  Object.defineProperty(proto, 'tracker', {
    get(this: RatingElement) {
      return this._t;
    },
    set(this: RatingElement, t: RatingTracker) {
      this._t = t;
      this._go();
    },
  });
  proto._go = function (this: RatingElement) {
    if (this.hasOwnProperty('tracker')) {
      this._t = this.tracker;
      delete this.tracker;
    }
    const t: any = this._t ?? (self as any).touchpoint;
    if (this._h || !this.isConnected || !t?.track || !t.subscribe) return;
    try {
      this._h = start(t, { ...fromAttributes(this), ...this.options }, this);
    } catch (e) {
      // A bad definition in markup: say so in the console rather than throw into the page.
      console.error(e);
    }
  };
};
