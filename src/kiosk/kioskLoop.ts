/**
 * The kiosk's loop: actions go through the pure machine (`kioskStep`), its effects are performed
 * here, and the controller wakes at the machine's next deadline and every second of the visible
 * countdown.
 */
import { presentRating } from '../widget/presentRating';
import { kioskHeartbeat } from './kioskHeartbeat';
import { kioskStep, nextWake, type KioskAction, type KioskEffect, type KioskState } from './kioskMachine';
import { addStyles, WIDGET_CSS } from './kioskStyles';
import type { Station } from './station';

/** Perform an action: next state, its effects, the next wake-up and the countdown. */
export const dispatch = (st: Station, action: KioskAction): KioskEffect[] => {
  const [next, effects] = kioskStep(st.state.machine, action, st.timings);
  st.state.machine = next;
  for (const effect of effects)
    try {
      perform(st, effect);
    } catch (e) {
      st.report(e);
    }
  schedule(st);
  paintCountdown(st);
  return effects;
};

const perform = (st: Station, effect: KioskEffect) => {
  if (effect == 'restart') showQuestion(st);
  else if (effect == 'report') {
    sendRating(st);
    dispatch(st, { type: 'recorded' });
  } else if (effect == 'reset') endRespondent(st);
};

/** Send the respondent's last rating again, with the presses counted since. */
export const sendRating = (st: Station): void => {
  const last = st.state.lastRating;
  if (last) st.send('Feedback Submitted', { ...last.properties, repeat_presses: st.state.machine.repeats }, last.options);
};

/** Link an order code to the current respondent (undefined: none) and show it on the control. */
export const setOrder = (st: Station, code: string | undefined): void => {
  st.state.orderId = code;
  st.order?.show(code);
};

/** The respondent is over: new anonymous id and session, order code gone, a held-back heartbeat sent. */
const endRespondent = (st: Station) => {
  const s = st.state;
  st.kt.tracker.reset();
  s.lastRating = undefined;
  if (s.orderId && s.orderId == st.r.orderId) forgetUrlOrder();
  setOrder(st, undefined);
  if (s.heartbeatDue) void kioskHeartbeat(st).catch(st.report);
};

/** An order code that came in the URL belongs to one respondent: drop it from the address. */
const forgetUrlOrder = () => {
  try {
    const u = new URL(location.href);
    ['order_id', 'order', 'receipt'].forEach((k) => u.searchParams.delete(k));
    history.replaceState(history.state, '', u.href);
  } catch {}
};

/** Milliseconds left of an idle follow-up, undefined on other screens. */
const followUpLeft = (m: KioskState) => (m.stage == 'followup' && m.until !== undefined ? m.until - Date.now() : undefined);

/** Wake at the next deadline, and every second of the visible countdown. */
const schedule = (st: Station) => {
  const s = st.state;
  clearTimeout(s.wakeTimer);
  if (s.stopped) return;
  let at = nextWake(s.machine, st.timings);
  const left = followUpLeft(s.machine);
  if (left !== undefined) {
    const step = left > st.countdownMs ? left - st.countdownMs : left % 1000 || 1000;
    at = Math.min(at ?? Infinity, Date.now() + step);
  }
  if (at !== undefined) s.wakeTimer = setTimeout(() => dispatch(st, { type: 'tick', at: Date.now() }), Math.max(0, at - Date.now()));
};

const paintCountdown = (st: Station) => {
  const left = followUpLeft(st.state.machine);
  const visible = left !== undefined && left <= st.countdownMs && left > 0;
  st.screen.countdown(visible ? Math.ceil(left / 1000) : undefined, st.countdownMs / 1000);
};

/** Show a fresh question (the previous card closed). */
export const showQuestion = (st: Station): void => {
  const s = st.state;
  clearTimeout(s.retryTimer);
  s.rating?.close();
  if (s.stopped) return;
  const host = st.screen.widgetHost;
  const handle = (s.rating = presentRating(st.proxy, st.survey, host));
  handle.shown.then((ok) => {
    if (ok) addStyles(host.shadowRoot!, WIDGET_CSS);
    // The one-survey-on-screen lock of the previous card may not be released yet: try again.
    else if (s.rating == handle && !s.stopped) s.retryTimer = setTimeout(() => showQuestion(st), 200);
  }, st.report);
};
