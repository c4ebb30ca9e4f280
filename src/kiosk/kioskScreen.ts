/**
 * The kiosk's frame: a full-screen `<main>` in its own shadow root with the station's name (for
 * screen readers), the slot the rating widget renders into, and the countdown shown at the end of
 * an idle follow-up — large text and a bar, readable at arm's length. A kiosk that cannot start
 * shows why here (`refuse`).
 */
import { h } from '../widget/h';
import { addStyles, FRAME_CSS } from './kioskStyles';
import type { KioskStrings } from './types';

/** The frame's parts. */
export interface KioskScreen {
  /** The element on the page (removed on stop). */
  host: HTMLElement;
  main: HTMLElement;
  /** Where the rating widget renders (its own shadow root). */
  widgetHost: HTMLElement;
  /** Show `secondsLeft` of `ofSeconds` on the countdown, or hide it (undefined). */
  countdown(secondsLeft: number | undefined, ofSeconds: number): void;
  /** Say on screen (`role="alert"`) and in the console why the kiosk does not run. */
  refuse(why: string): void;
}

/** Build the frame into `container` (default: the page's body). */
export const kioskScreen = (container: HTMLElement | undefined, lang: string, ks: KioskStrings): KioskScreen => {
  const host = h('div', { 'data-touchpoint-kiosk': '' });
  (container ?? document.body).append(host);
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, FRAME_CSS);
  // The page's one heading names the station for screen-reader users; the rating is the content.
  const main = h('main', { class: 'k', lang }, [h('h1', { class: 'v' }, document.title || 'Kiosk')]);
  const widgetHost = h('div');
  const text = h('p', { class: 'ct' });
  const fill = h('div', { class: 'cf' });
  const countdown = h('div', { class: 'c', hidden: '' }, [text, h('div', { class: 'cb', 'aria-hidden': 'true' }, [fill])]);
  main.append(h('div', { class: 's' }, [widgetHost]), countdown);
  root.append(main);
  // An on-screen keyboard covers the lower half: bring the field being typed into into view
  // once the keyboard is up (the page's viewport meta should say interactive-widget=resizes-content).
  main.addEventListener('focusin', (e) => {
    const field = e.composedPath()[0] as HTMLElement;
    if (/^(INPUT|TEXTAREA)$/.test(field.tagName)) setTimeout(() => field.scrollIntoView({ block: 'center' }), 300);
  });
  return {
    host,
    main,
    widgetHost,
    countdown(left, of) {
      countdown.toggleAttribute('hidden', left === undefined);
      text.textContent = left === undefined ? '' : ks.countdown.replace('{n}', `${left}`);
      // CSSOM, not a style attribute: allowed under a strict CSP.
      fill.style.width = `${left === undefined ? 0 : (100 * left) / Math.max(1, of)}%`;
    },
    refuse(why) {
      const msg = ks.refused.replace('{why}', why);
      console.error(`[touchpoint kiosk] ${msg}`);
      countdown.remove(); // its reserved space would push the message off centre
      main.append(h('p', { class: 'e', role: 'alert' }, msg));
    },
  };
};
