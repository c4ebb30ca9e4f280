import { describe, expect, test } from 'vitest';
import { batchUrl, resolveOptions } from '../../src/core/resolveOptions';
import type { TrackerOptions } from '../../src/core/types';

const base = { endpoint: 'https://collect.example/' };
const resolve = (extra: Record<string, unknown>) => resolveOptions({ ...base, ...extra } as unknown as TrackerOptions);

describe('batchUrl', () => {
  test.each([
    ['https://collect.example', 'https://collect.example/v1/batch'],
    ['https://collect.example/', 'https://collect.example/v1/batch'],
    ['https://collect.example/track', 'https://collect.example/track/v1/batch'],
    ['https://collect.example/track/', 'https://collect.example/track/v1/batch'],
    ['https://collect.example/v1/batch', 'https://collect.example/v1/batch'],
    ['https://rs.example/custom/batch', 'https://rs.example/custom/batch'],
    ['https://collect.example/?k=1', 'https://collect.example/v1/batch?k=1'],
  ])('%s → %s', (endpoint, url) => {
    expect(batchUrl(endpoint)).toBe(url);
  });

  test('a relative endpoint resolves against the page URL', () => {
    expect(batchUrl('/collect')).toBe(new URL('/collect/v1/batch', location.href).href);
  });
});

describe('resolveOptions: defaults', () => {
  test('only endpoint given: every documented default is applied', () => {
    const o = resolveOptions(base);
    expect(o).toMatchObject({
      endpoint: 'https://collect.example/',
      batchUrl: 'https://collect.example/v1/batch',
      channel: 'web',
      batchSize: 100,
      flushInterval: 5000,
      queueCap: 1000,
      consent: 'granted',
      gpc: 'anonymous',
      sessionTimeout: 30,
      retry: { minDelay: 1000, maxDelay: 300_000 },
      storageKey: 'touchpoint',
      debug: false,
    });
    expect(o.writeKey).toBeUndefined();
    expect(o.touchpoint).toBeUndefined();
    expect(o.journeyStage).toBeUndefined();
    expect(o.onError).toBeUndefined();
  });

  test('given values are kept', () => {
    const onError = () => {};
    const o = resolve({
      writeKey: 'wk',
      channel: 'kiosk',
      touchpoint: 'store-12',
      journeyStage: 'purchase',
      batchSize: 7,
      flushInterval: 50,
      queueCap: 10,
      consent: 'pending',
      gpc: 'deny',
      sessionTimeout: 5,
      retry: { minDelay: 10, maxDelay: 20 },
      storageKey: 'shop',
      debug: true,
      onError,
    });
    expect(o).toMatchObject({
      writeKey: 'wk',
      channel: 'kiosk',
      touchpoint: 'store-12',
      journeyStage: 'purchase',
      batchSize: 7,
      flushInterval: 50,
      queueCap: 10,
      consent: 'pending',
      gpc: 'deny',
      sessionTimeout: 5,
      retry: { minDelay: 10, maxDelay: 20 },
      storageKey: 'shop',
      debug: true,
    });
    expect(o.onError).toBe(onError);
  });

  test('a minDelay above the default cap raises the default maxDelay to it', () => {
    expect(resolve({ retry: { minDelay: 600_000 } }).retry).toEqual({ minDelay: 600_000, maxDelay: 600_000 });
  });

  test('boundary values are accepted', () => {
    expect(() => resolve({ batchSize: 1, queueCap: 10, flushInterval: 50, sessionTimeout: 1 })).not.toThrow();
    expect(() => resolve({ batchSize: 2500, sessionTimeout: 1440, queueCap: 1_000_000 })).not.toThrow();
  });

  test('extra option names accepted only when the caller declares them', () => {
    expect(() => resolveOptions({ ...base, kiosk: true } as unknown as TrackerOptions)).toThrow(/unknown option "kiosk"/);
    expect(() => resolveOptions({ ...base, kiosk: true } as unknown as TrackerOptions, ['kiosk'])).not.toThrow();
  });
});

describe('resolveOptions: extra rules (the shop layer)', () => {
  const rules = { flag: ['bool', true], minutes: ['num', 30, 0, 60], names: ['list', ['a']] } as const;
  const withRules = (extra: Record<string, unknown>) =>
    resolveOptions({ ...base, ...extra } as unknown as TrackerOptions, [], rules as never) as unknown as Record<string, unknown>;

  test('defaults and given values come back with the core options', () => {
    expect(withRules({})).toMatchObject({ flag: true, minutes: 30, names: ['a'], batchSize: 100 });
    expect(withRules({ flag: false, minutes: 0.5, names: ['x', 'y'] })).toMatchObject({ flag: false, minutes: 0.5, names: ['x', 'y'] });
  });

  test.each([
    [{ flag: 'yes' }, 'option "flag" must be true or false (got "yes")'],
    [{ minutes: 0 }, 'option "minutes" must be a number above 0, at most 60 (got 0)'],
    [{ minutes: 61 }, 'option "minutes" must be a number above 0, at most 60 (got 61)'],
    [{ names: ['x', ''] }, 'option "names" must be a list of names (got ["x",""])'],
    [{ names: 'x' }, 'option "names" must be a list of names (got "x")'],
  ])('%o → %s', (extra, message) => {
    expect(() => withRules(extra)).toThrow(TypeError);
    expect(() => withRules(extra)).toThrow(message);
  });

  test('they are checked before the core options, and known to the unknown-option message', () => {
    expect(() => withRules({ batchSize: 0, flag: 1 })).toThrow(/"flag"/);
    expect(() => withRules({ colour: 'red' })).toThrow(/unknown option "colour" \(known: endpoint, retry, flag, minutes, names, writeKey/);
  });
});

describe('resolveOptions: each bad option throws a TypeError naming it', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['endpoint', { endpoint: undefined }],
    ['endpoint', { endpoint: '' }],
    ['endpoint', { endpoint: 42 }],
    ['endpoint', { endpoint: 'ftp://collect.example/' }],
    ['endpoint', { endpoint: 'http://[bad' }],
    ['writeKey', { writeKey: '' }],
    ['writeKey', { writeKey: 42 }],
    ['writeKey', { writeKey: 'k'.repeat(501) }],
    ['channel', { channel: 'tv' }],
    ['touchpoint', { touchpoint: '' }],
    ['touchpoint', { touchpoint: 't'.repeat(201) }],
    ['journeyStage', { journeyStage: 'checkout' }],
    ['batchSize', { batchSize: 0 }],
    ['batchSize', { batchSize: 2501 }],
    ['batchSize', { batchSize: 1.5 }],
    ['batchSize', { batchSize: '10' }],
    ['batchSize', { batchSize: Number.NaN }],
    ['flushInterval', { flushInterval: 49 }],
    ['queueCap', { queueCap: 9 }],
    ['consent', { consent: 'yes' }],
    ['consent', { consent: true }],
    ['gpc', { gpc: 'on' }],
    ['sessionTimeout', { sessionTimeout: 0 }],
    ['sessionTimeout', { sessionTimeout: 1441 }],
    ['retry', { retry: 'fast' }],
    ['retry.minDelay', { retry: { minDelay: 5 } }],
    ['retry.maxDelay', { retry: { minDelay: 1000, maxDelay: 999 } }],
    ['storageKey', { storageKey: '' }],
    ['storageKey', { storageKey: 's'.repeat(101) }],
    ['debug', { debug: 'yes' }],
    ['onError', { onError: 'console.log' }],
    ['batchsize', { batchsize: 10 }],
  ];
  test.each(bad)('%s: %o', (name, extra) => {
    let caught: unknown;
    try {
      resolve(extra);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toContain(`"${name}"`);
  });

  test.each([undefined, null, 'https://collect.example/'])('options %o itself is rejected', (input) => {
    expect(() => resolveOptions(input as unknown as TrackerOptions)).toThrow(TypeError);
    expect(() => resolveOptions(input as unknown as TrackerOptions)).toThrow(/"options"/);
  });

  test('the message says what is expected and what was given', () => {
    expect(() => resolve({ batchSize: 0 })).toThrow('option "batchSize" must be an integer from 1 to 2500 (got 0)');
    expect(() => resolve({ channel: 'tv' })).toThrow(/"web", "kiosk", "app", "store" \(got "tv"\)/);
  });
});
