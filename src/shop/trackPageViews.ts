/**
 * Page views without code: the first view (a prerendered page waits until it is shown), SPA
 * navigations (`history.pushState`/`replaceState`, `popstate`, `hashchange`) and back/forward
 * cache restores. The same URL twice in a row is one view (a bfcache restore always counts).
 * Each view after the first carries the previous page's URL (scrubbed) as its referrer.
 */
import type { Tracker } from '../core/types';

/** Start tracking page views; returns a function that stops it. Never throws. */
export const trackPageViews = (tracker: Pick<Tracker, 'page'>, filter: (url: string) => string = (u) => u): (() => void) => {
  const w = globalThis.window;
  if (!w) return () => {};
  const d = document as Document & { prerendering?: boolean };
  let last = '';
  let on = true;
  const view = (e?: Event) => {
    const url = location.href;
    if (!on || d.prerendering || (url == last && !(e as PageTransitionEvent | undefined)?.persisted)) return;
    tracker.page(undefined, last ? { referrer: filter(last) } : undefined);
    last = url;
  };
  const h = history;
  for (const m of ['pushState', 'replaceState'] as const) {
    const orig = h[m];
    h[m] = function (this: History, ...a: Parameters<History['pushState']>) {
      orig.apply(this, a);
      view();
    };
  }
  for (const t of ['popstate', 'hashchange', 'pageshow']) w.addEventListener(t, view);
  if (d.prerendering) d.addEventListener('prerenderingchange', () => view(), { once: true });
  else view();
  return () => {
    on = false;
  };
};
