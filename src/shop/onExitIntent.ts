/**
 * Exit intent: on desktop the pointer leaves the window through the top (towards the tabs or the
 * address bar); on any device the page is hidden (tab switch, app switch, navigation). `cb` runs
 * only while `when()` is true (e.g. the cart is non-empty). Returns a function that stops it.
 */
export const onExitIntent = (cb: () => void, when: () => boolean = () => true): (() => void) => {
  const d = globalThis.document;
  if (!d) return () => {};
  const fire = () => {
    try {
      if (when()) cb();
    } catch {}
  };
  const out = (e: MouseEvent) => !e.relatedTarget && e.clientY <= 0 && fire();
  const vis = () => d.visibilityState == 'hidden' && fire();
  d.addEventListener('mouseout', out);
  d.addEventListener('visibilitychange', vis);
  return () => {
    d.removeEventListener('mouseout', out);
    d.removeEventListener('visibilitychange', vis);
  };
};
