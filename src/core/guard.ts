/**
 * The run-time promise "no method throws into the host page" in one place: `guard(reporter,
 * name, fn)` is `fn` with every exception — from a Symbol event name, a revoked Proxy, a getter
 * or `toJSON` that throws, properties nested too deeply — reported as `invalid_call` instead.
 */
import type { Reporter } from './reporter';
import { safeText } from './safeText';

export const guard =
  <A extends unknown[], R>(reporter: Reporter, name: string, fn: (...args: A) => R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (e) {
      reporter.error({ code: 'invalid_call', message: `${name}() failed: ${safeText(e)}`, cause: e });
      return undefined;
    }
  };
