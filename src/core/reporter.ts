/**
 * Run-time problems go to the `onError` hook and, with `debug`, to the console: never thrown
 * into the host page. A faulty `onError` hook cannot break the tracker either.
 */
import type { TouchpointError } from './types';

export interface Reporter {
  /** Report a problem to `onError` (and the debug log). */
  error(e: TouchpointError): void;
  /** A debug-log line (only with `debug: true`). */
  debug(...args: unknown[]): void;
}

export const createReporter = (
  onError: ((e: TouchpointError) => void) | undefined,
  debug: boolean,
): Reporter => {
  const log = (...a: unknown[]) => debug && console.log('[touchpoint]', ...a);
  return {
    error(e) {
      log(`${e.code}: ${e.message}`);
      try {
        onError?.(e);
      } catch (hookError) {
        log('onError hook threw', hookError);
      }
    },
    debug: log,
  };
};
