/**
 * Run `f` on `localStorage`; undefined where it is missing or reaching it throws (sandboxed
 * frames, blocked storage), and where `f` throws (quota, a corrupt value): callers treat every
 * storage failure alike, so each keeps one code path.
 */
export const withLs = <T>(f: (s: Storage) => T): T | undefined => {
  try {
    const s = globalThis.localStorage;
    return s ? f(s) : undefined;
  } catch {
    return undefined;
  }
};

/** `localStorage`, or undefined where reaching it throws (sandboxed frames, blocked storage). */
export const localStore = (): Storage | undefined => withLs((s) => s);
