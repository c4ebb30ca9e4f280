/**
 * `observeDataLayer(name, onEntry)`: calls `onEntry` with every entry already on
 * `window[name]` (the Google Tag Manager / gtag data layer), then with every later push. The
 * page's own `push` is wrapped, never replaced in behaviour: it runs first, with the same `this`
 * and arguments, and its return value is returned, so GTM (whether it wrapped `push` before or
 * after us) sees every push as before. `onEntry` runs after it, and a throw there is swallowed:
 * a listener never breaks the page's data layer.
 */

/** One data-layer entry: an object (`{event, ecommerce}`) or a `gtag()` call's `arguments`. */
export type DataLayerEntry = unknown;

/** Start observing; returns a function that stops (restoring `push` when it is still ours). */
export const observeDataLayer = (name: string, onEntry: (entry: DataLayerEntry) => void): (() => void) => {
  const w = globalThis as unknown as Record<string, unknown>;
  const safe = (entry: unknown) => {
    try {
      onEntry(entry);
    } catch {
      // a mapping problem must never reach the page's push()
    }
  };
  // Created when missing, as GTM's own snippet does (`window.dataLayer = window.dataLayer || []`).
  if (w[name] === undefined) w[name] = [];
  const layer = w[name];
  if (!Array.isArray(layer)) return () => {};
  const list = layer as unknown[] & { push: (...items: unknown[]) => number };
  const original = list.push;
  let on = true;
  const push = function (this: unknown, ...items: unknown[]) {
    const result = original.apply(this, items);
    if (on) items.forEach(safe);
    return result;
  };
  list.slice().forEach(safe);
  list.push = push;
  return () => {
    on = false;
    if (list.push === push) list.push = original;
  };
};

/** A `gtag(command, …)` call as pushed (`arguments`, or an array some sites push instead); else undefined. */
export const gtagCall = (entry: DataLayerEntry): unknown[] | undefined => {
  if (!entry || typeof entry !== 'object') return;
  const isArgs = Object.prototype.toString.call(entry) === '[object Arguments]' || Array.isArray(entry);
  return isArgs && typeof (entry as ArrayLike<unknown>)[0] === 'string' ? Array.from(entry as ArrayLike<unknown>) : undefined;
};
