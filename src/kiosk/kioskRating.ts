/**
 * The kiosk's rating: the widget's survey as a terminal shows it, and the tracker the widget
 * reports through. That tracker adds the kiosk's part to what the widget records — the order
 * code, the store's time and opening hours, `repeat_presses` — and turns the widget's events into
 * the kiosk machine's actions. It records no `Feedback Shown` on a screen that always shows.
 */
import type { Properties } from '../core/types';
import type { RatingTracker, ShowRatingOptions } from '../widget/types';
import { dispatch, sendRating } from './kioskLoop';
import { storeTime } from './openingHours';
import type { Station } from './station';

/** The tracker the kiosk's widget reports through. */
export const kioskRatingTracker = (st: Station): RatingTracker => ({
  options: st.kt.tracker.options,
  subscribe: (listener) => st.kt.tracker.subscribe(listener),
  track(event, properties = {}, options) {
    const at = Date.now();
    if (event == 'Feedback Shown') return;
    if (event == 'Feedback Dismissed') return void setTimeout(() => dispatch(st, { type: 'dismissed', at }));
    if (event != 'Feedback Submitted') return st.send(event, properties, options);
    const s = st.state;
    if (s.machine.stage == 'question') dispatch(st, { type: 'rated', at, followUp: properties.completed === false });
    else if (s.machine.stage == 'followup') dispatch(st, { type: 'completed', at });
    const order: Properties = s.orderId && !properties.order_id ? { order_id: s.orderId } : {};
    s.lastRating = { properties: { ...properties, ...order, ...storeTime(st.r.hours, st.r.timeZone) }, options };
    sendRating(st);
    dispatch(st, { type: 'recorded' });
  },
});

/** The survey a kiosk shows (options resolved by resolveKiosk). */
export const kioskSurvey = (st: Pick<Station, 'r' | 'kt' | 'state'>, lang: string, thanks: () => void): ShowRatingOptions => {
  const r = st.r;
  return {
    id: r.surveyId,
    scale: r.scale,
    type: r.surveyType,
    question: r.question,
    labels: r.labels,
    lang,
    strings: r.strings,
    // A follow-up after every answer (kioskOptions.followUp), with the kiosk's reasons.
    followUp: r.followUp ?? {},
    reasonSet: 'kiosk',
    touchpoint: r.touchpoint,
    journeyStage: r.journeyStage,
    presentation: 'inline',
    // The kiosk ends the thank-you itself (its machine); the widget's own timer is a backstop.
    thanksMs: 60_000,
    // Thank the customer once the rating is in IndexedDB.
    beforeThanks: () => {
      const id = st.state.lastMessageId;
      return (id ? st.kt.committed(id) : Promise.resolve()).then(thanks);
    },
  };
};
