import { afterEach, describe, expect, test, vi } from 'vitest';
import { createReporter } from '../../src/core/reporter';

afterEach(() => vi.restoreAllMocks());

describe('createReporter', () => {
  test('error() calls onError with the report', () => {
    const onError = vi.fn();
    const r = createReporter(onError, false);
    const e = { code: 'invalid_call' as const, message: 'bad' };
    r.error(e);
    expect(onError).toHaveBeenCalledWith(e);
  });

  test('a throwing onError hook is swallowed (and logged with debug)', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const r = createReporter(() => {
      throw new Error('hook bug');
    }, true);
    expect(() => r.error({ code: 'invalid_call', message: 'bad' })).not.toThrow();
    expect(log.mock.calls.some((c) => c.includes('onError hook threw'))).toBe(true);
  });

  test('debug lines only with debug: true', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    createReporter(undefined, false).debug('quiet');
    createReporter(undefined, false).error({ code: 'invalid_call', message: 'quiet' });
    expect(log).not.toHaveBeenCalled();
    createReporter(undefined, true).debug('loud', 1);
    expect(log).toHaveBeenCalledWith('[touchpoint]', 'loud', 1);
    createReporter(undefined, true).error({ code: 'events_dropped', message: 'lost 3' });
    expect(log).toHaveBeenLastCalledWith('[touchpoint]', 'events_dropped: lost 3');
  });

  test('no onError: error() is a no-op that does not throw', () => {
    expect(() => createReporter(undefined, false).error({ code: 'invalid_call', message: 'x' })).not.toThrow();
  });
});
