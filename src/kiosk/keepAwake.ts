/**
 * Keep the screen on with the Screen Wake Lock API. The browser releases the lock whenever the
 * page is hidden (tab switch, screen off), so it is requested again each time the page becomes
 * visible. Where the API is missing or refuses (no user gesture yet, battery saver) nothing
 * happens: the tablet's own "stay awake" setting is the fallback. Returns a stop function.
 */
interface Sentinel {
  released: boolean;
  release(): Promise<void>;
}

export const keepAwake = (onError: (e: unknown) => void = () => {}): (() => void) => {
  const api = (navigator as { wakeLock?: { request(type: 'screen'): Promise<Sentinel> } }).wakeLock;
  if (!api) return () => {};
  let lock: Sentinel | undefined;
  let stopped = false;
  const acquire = () => {
    if (stopped || document.visibilityState != 'visible' || (lock && !lock.released)) return;
    api.request('screen').then(
      (l) => (stopped ? void l.release().catch(() => {}) : (lock = l)),
      onError,
    );
  };
  document.addEventListener('visibilitychange', acquire);
  // Some browsers grant it only after a user gesture: try again on the first touch.
  document.addEventListener('pointerdown', acquire, { capture: true });
  acquire();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', acquire);
    document.removeEventListener('pointerdown', acquire, { capture: true });
    lock?.release().catch(() => {});
  };
};
