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
  // A page being left (pagehide comes before the last visibilitychange) is no place for a
  // survey: a link inside the shop is not an exit.
  let leaving = false;
  const out = (e: MouseEvent) => !e.relatedTarget && e.clientY <= 0 && fire();
  const vis = () => !leaving && d.visibilityState == 'hidden' && fire();
  const hide = (e: Event) => (leaving = e.type == 'pagehide');
  const on = (m: 'addEventListener' | 'removeEventListener') => {
    d[m]('mouseout', out as EventListener);
    d[m]('visibilitychange', vis);
    globalThis[m]?.('pagehide', hide);
    globalThis[m]?.('pageshow', hide);
  };
  on('addEventListener');
  return () => on('removeEventListener');
};
