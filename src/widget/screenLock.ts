/** Same-tab guard: also the whole mechanism where Web Locks are missing. */
let busy = false;

/**
 * Take the single "survey on screen" slot, across tabs where Web Locks exist (`ifAvailable`: never
 * wait — a survey that cannot show now is simply skipped). Resolves a release function, or
 * undefined when another survey holds the slot in this or another tab.
 */
export const acquireScreen = (): Promise<(() => void) | undefined> =>
  new Promise((ok) => {
    if (busy) return ok(undefined);
    busy = true;
    let release: () => void;
    const free = () => {
      busy = false;
      release?.();
    };
    try {
      navigator.locks
        // Held until `free` settles the promise the callback returns.
        .request('touchpoint-widget', { ifAvailable: true }, (lock) =>
          lock ? (ok(free), new Promise<void>((r) => (release = r))) : ((busy = false), ok(undefined)),
        )
        // Locks refused (e.g. opaque origin): fall back to the same-tab guard.
        .catch(() => ok(free));
    } catch {
      ok(free); // no navigator.locks
    }
  });
