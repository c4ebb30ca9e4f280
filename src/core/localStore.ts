/** `localStorage`, or undefined where reaching it throws (sandboxed frames, blocked storage). */
export const localStore = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};
