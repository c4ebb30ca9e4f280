/** Same-tab guard: also the whole mechanism where Web Locks are missing. */
let busy = false;

/**
 * Take the single "survey on screen" slot, across tabs where Web Locks exist (`ifAvailable`: never
 * wait — a survey that cannot show now is simply skipped). Resolves a release function, or
 * undefined when another survey holds the slot in this or another tab.
 */
export const acquireScreen = (): Promise<(() => void) | undefined> => {
  if (busy) return Promise.resolve(undefined);
  busy = true;
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const free = () => {
    busy = false;
    release();
  };
  return new Promise((ok) => {
    try {
      navigator.locks
        .request('touchpoint-widget', { ifAvailable: true }, (lock) => {
          if (!lock) (busy = false), ok(undefined);
          else ok(free);
          return held;
        })
        // Locks refused (e.g. opaque origin): fall back to the same-tab guard.
        .catch(() => ok(free));
    } catch {
      ok(free); // no navigator.locks
    }
  });
};
