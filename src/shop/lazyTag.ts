/**
 * The script tag's HTML tagging: a stand-in for `tagElements` that loads the tagging chunk
 * (`touchpoint.tag.js`) only once the page has a `data-tp-event` or `data-tp-view` element (at
 * start, or added later: one MutationObserver, which also shows `onAdded` every added element).
 * Clicks on tagged elements made before the chunk arrived are kept and tracked when it does.
 */
import type { tagElements } from './tagElements';

const TAGGED = '[data-tp-event],[data-tp-view]';

/** A `tagElements` loading the chunk with `load()` (which resolves once `touchpointTag` is set). */
export const lazyTag =
  (load: () => Promise<unknown>): typeof tagElements =>
  (track, onAdded) => {
    const d = globalThis.document;
    if (!d) return () => {};
    const early: Event[] = [];
    let on = true;
    let stop = () => {};
    let loading: unknown;
    const start = () =>
      (loading ??= load()
        .then(() => {
          if (on) {
            off();
            stop = (window as unknown as { touchpointTag: { tagElements: typeof tagElements } }).touchpointTag.tagElements(track, onAdded, early);
          }
        })
        .catch(() => {}));
    const click = (e: Event) => (e.target as Element | null)?.closest?.('[data-tp-event]') && start() && early.push(e);
    const look = (el: Element | Document) => ((el as Element).matches?.(TAGGED) || el.querySelector(TAGGED)) && start();
    const mo = new MutationObserver((l) => l.forEach((r) => r.addedNodes.forEach((n) => n instanceof Element && (onAdded?.(n), look(n)))));
    const off = () => {
      mo.disconnect();
      d.removeEventListener('click', click, true);
    };
    d.addEventListener('click', click, true);
    mo.observe(d.documentElement, { childList: true, subtree: true });
    look(d);
    return () => {
      on = false;
      off();
      stop();
    };
  };
