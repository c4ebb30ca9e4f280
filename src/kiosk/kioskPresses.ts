/**
 * Presses on the kiosk, for the machine's repeat counting: a press on a face, on a control
 * (reason, comment, Send) or elsewhere. Presses counted as repeats of a rating are swallowed
 * (`block`); the order-code control is the customer's own business and never counted.
 * Returns a function that stops listening.
 */
import { dispatch } from './kioskLoop';
import type { PressTarget } from './kioskMachine';
import type { Station } from './station';

const CONTROL = /^(BUTTON|INPUT|TEXTAREA|LABEL|SELECT)$/;

/** Where a press landed. */
const pressTarget = (path: Element[]): PressTarget =>
  path.some((el) => el.getAttribute?.('role') == 'radio') ? 'face' : path.some((el) => CONTROL.test(el.tagName ?? '')) ? 'control' : 'other';

/** Count presses on the kiosk's screen. */
export const watchPresses = (st: Station): (() => void) => {
  const onPress = (e: Event) => {
    const path = e.composedPath() as Element[];
    if (st.order && path.includes(st.order.element)) return;
    if (e.type == 'keydown' && !/^( |Enter)$/.test((e as KeyboardEvent).key)) {
      // Typing in the follow-up keeps the respondent's session alive.
      if (st.state.machine.stage == 'followup') dispatch(st, { type: 'press', at: Date.now(), target: 'control' });
      return;
    }
    if (st.r.fullscreen && e.type == 'click' && !document.fullscreenElement)
      document.documentElement.requestFullscreen?.().catch(() => {});
    if (dispatch(st, { type: 'press', at: Date.now(), target: pressTarget(path) }).includes('block')) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  const main = st.screen.main;
  for (const type of ['click', 'keydown', 'input']) main.addEventListener(type, onPress, true);
  return () => {
    for (const type of ['click', 'keydown', 'input']) main.removeEventListener(type, onPress, true);
  };
};
