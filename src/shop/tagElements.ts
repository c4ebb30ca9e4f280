/**
 * Tagging in HTML: `data-tp-event="Product Added"` on a clickable element tracks that event on
 * click (one delegated listener, capture phase so a site's stopPropagation cannot hide it);
 * `data-tp-view="Product Viewed"` tracks once when the element is at least half visible (one
 * IntersectionObserver, and a MutationObserver for elements added later). Properties come from
 * the element's other `data-tp-*` attributes, kebab → snake_case (`data-tp-product-id` →
 * `product_id`); money, quantity and position values are parsed as numbers. `data-tp-touchpoint`
 * and `data-tp-stage` on the element or an ancestor override the touchpoint and journey stage.
 */
import type { CallOptions, JourneyStage, Properties } from '../core/types';

type Track = (event: string, properties: Properties, options: CallOptions) => void;

const NUMBERS = /^(price|value|revenue|total|subtotal|shipping|tax|discount|quantity|position|step)$/;

/** The event properties of a tagged element (exported for tests). */
export const tagProperties = (el: HTMLElement): Properties => {
  const p: Properties = {};
  for (const k in el.dataset) {
    const m = /^tp([A-Z].*)/.exec(k);
    if (!m || /^(Event|View|Touchpoint|Stage)$/.test(m[1]!)) continue;
    const name = m[1]!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).slice(1);
    const v = el.dataset[k]!;
    p[name] = NUMBERS.test(name) && v.trim() && !isNaN(+v) ? +v : v;
  }
  return p;
};

const fire = (track: Track, el: HTMLElement, event: string | undefined) => {
  if (!event) return;
  const up = (a: string) => el.closest(`[data-tp-${a}]`)?.getAttribute(`data-tp-${a}`) ?? undefined;
  track(event, tagProperties(el), { touchpoint: up('touchpoint'), journey_stage: up('stage') as JourneyStage | undefined });
};

/**
 * Start the tagging listeners on `document`; `onAdded` sees every element added later (the
 * script tag uses it to find `<touchpoint-rating>`). Returns a function that stops them.
 */
export const tagElements = (track: Track, onAdded?: (el: Element) => void): (() => void) => {
  const d = globalThis.document;
  // Browsers without the observers (none that run ES2020) get no tagging.
  if (!d || typeof IntersectionObserver == 'undefined') return () => {};
  const seen = new WeakSet<Element>();
  const io = new IntersectionObserver(
    (entries) => {
      for (const { target: el, intersectionRatio: r } of entries)
        if (r >= 0.5 && !seen.has(el)) {
          seen.add(el);
          io.unobserve(el);
          fire(track, el as HTMLElement, (el as HTMLElement).dataset.tpView);
        }
    },
    { threshold: 0.5 },
  );
  const watch = (el: Element) => seen.has(el) || io.observe(el);
  const scan = (root: Element | Document) => {
    if (root instanceof Element) {
      onAdded?.(root);
      if (root.matches('[data-tp-view]')) watch(root);
    }
    root.querySelectorAll('[data-tp-view]').forEach(watch);
  };
  const click = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-tp-event]') as HTMLElement | null;
    if (el) fire(track, el, el.dataset.tpEvent);
  };
  d.addEventListener('click', click, true);
  const mo = new MutationObserver((list) => list.forEach((r) => r.addedNodes.forEach((n) => n instanceof Element && scan(n))));
  mo.observe(d.documentElement, { childList: true, subtree: true });
  scan(d);
  return () => {
    d.removeEventListener('click', click, true);
    io.disconnect();
    mo.disconnect();
  };
};
