/**
 * Kiosk hygiene: a tablet at a counter must not be turned into something else by a curious
 * finger. No context menu (long press), no text selection, no pinch or ctrl-wheel zoom, no
 * pull-to-refresh or swipe-back navigation, no Backspace/Alt+Arrow history keys, no link or
 * form navigation away from the page. Text fields (the follow-up comment, the staff input) keep
 * working. Returns a function that undoes all of it.
 *
 * Zoom is blocked by script and `touch-action`, not by `<meta name="viewport" user-scalable=no>`,
 * which would fail WCAG 1.4.4 for the same page opened on a phone from a receipt's QR code.
 */
const CSS =
  'html,body{overscroll-behavior:none;-webkit-user-select:none;user-select:none;-webkit-touch-callout:none;' +
  'touch-action:pan-x pan-y;-webkit-tap-highlight-color:transparent}' +
  'input,textarea{-webkit-user-select:text;user-select:text}';

const editable = (e: Event) => {
  const t = e.composedPath()[0] as HTMLElement | undefined;
  return !!t && /^(INPUT|TEXTAREA)$/.test(t.tagName ?? '');
};

export const lockDown = (): (() => void) => {
  const off: (() => void)[] = [];
  const on = (target: EventTarget, type: string, fn: (e: Event) => void, opts: AddEventListenerOptions = { capture: true, passive: false }) => {
    target.addEventListener(type, fn, opts);
    off.push(() => target.removeEventListener(type, fn, opts));
  };
  const stop = (e: Event) => e.cancelable && e.preventDefault();
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    off.push(() => (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)));
  } catch {
    // No constructable stylesheets: the script-side guards below still hold.
  }
  on(document, 'contextmenu', stop);
  on(document, 'selectstart', (e) => editable(e) || stop(e));
  on(document, 'dragstart', stop);
  // Safari's pinch gestures, and two-finger touches elsewhere.
  on(document, 'gesturestart', stop);
  on(document, 'touchmove', (e) => ((e as TouchEvent).touches.length > 1 ? stop(e) : undefined));
  on(window, 'wheel', (e) => ((e as WheelEvent).ctrlKey ? stop(e) : undefined));
  on(window, 'keydown', (e) => {
    const k = e as KeyboardEvent;
    if (
      (k.key == 'Backspace' && !editable(e)) ||
      (k.altKey && /^Arrow(Left|Right)$/.test(k.key)) ||
      ((k.ctrlKey || k.metaKey) && /^[-+=0]$/.test(k.key)) ||
      k.key == 'Escape'
    )
      stop(e), e.stopPropagation();
  });
  // Links and forms: stay on the page (nothing on a kiosk should lead away).
  on(document, 'click', (e) => ((e.target as Element | null)?.closest?.('a[href]') ? stop(e) : undefined));
  on(document, 'submit', stop);
  // Back/forward: keep one history entry of our own to land on.
  try {
    history.pushState({ kiosk: 1 }, '');
    on(window, 'popstate', () => history.pushState({ kiosk: 1 }, ''), {});
  } catch {}
  return () => off.splice(0).forEach((f) => f());
};
