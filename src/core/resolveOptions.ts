/**
 * Validates `createTracker()` options and applies defaults. A bad option throws a TypeError at
 * set-up naming the option and what is expected: misuse fails fast, before any event is lost.
 */
import { CHANNELS, JOURNEY_STAGES, LIMITS } from './limits';
import type { ResolvedOptions, TrackerOptions } from './types';

const fail = (name: string, expected: string, got: unknown): never => {
  throw new TypeError(
    `touchpoint: option "${name}" must be ${expected} (got ${typeof got === 'string' ? JSON.stringify(got) : String(got)})`,
  );
};
const int = (o: Record<string, unknown>, name: string, min: number, max: number, def: number): number => {
  const v = o[name];
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(name, `an integer from ${min} to ${max}`, v);
  return v as number;
};
const oneOf = <T extends string>(o: Record<string, unknown>, name: string, list: readonly T[], def?: T): T | undefined => {
  const v = o[name];
  if (v === undefined) return def;
  if (!list.includes(v as T)) fail(name, `one of ${list.map((x) => `"${x}"`).join(', ')}`, v);
  return v as T;
};
const str = (o: Record<string, unknown>, name: string, max = 200): string | undefined => {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v || v.length > max) fail(name, `a non-empty string of at most ${max} characters`, v);
  return v as string;
};
const KNOWN = new Set([
  'endpoint', 'writeKey', 'channel', 'touchpoint', 'journeyStage', 'batchSize', 'flushInterval', 'queueCap',
  'consent', 'gpc', 'sessionTimeout', 'retry', 'storageKey', 'debug', 'onError',
]);

/** Batch URL for an endpoint: a base URL gets `/v1/batch`, a URL ending in `/batch` is kept. */
export const batchUrl = (endpoint: string): string => {
  const u = new URL(endpoint, globalThis.location?.href);
  if (!/\/batch$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/v1/batch`;
  return u.href;
};

/** Validate options and fill in defaults (throws a TypeError naming the bad option). */
export const resolveOptions = (input: TrackerOptions | undefined, extraKeys: readonly string[] = []): ResolvedOptions => {
  if (!input || typeof input !== 'object') fail('options', 'an object with at least `endpoint`', input);
  const o = input as unknown as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!KNOWN.has(k) && !extraKeys.includes(k))
      throw new TypeError(`touchpoint: unknown option "${k}" (known: ${[...KNOWN].join(', ')})`);
  if (typeof o.endpoint !== 'string' || !o.endpoint) fail('endpoint', 'the collector URL, e.g. "https://collect.example.com"', o.endpoint);
  let url = '';
  try {
    url = batchUrl(o.endpoint as string);
  } catch {
    fail('endpoint', 'a valid URL', o.endpoint);
  }
  if (!/^https?:/.test(url)) fail('endpoint', 'an http(s) URL', o.endpoint);
  if (o.onError !== undefined && typeof o.onError !== 'function') fail('onError', 'a function', o.onError);
  if (o.debug !== undefined && typeof o.debug !== 'boolean') fail('debug', 'true or false', o.debug);
  const retry = (o.retry ?? {}) as Record<string, unknown>;
  if (typeof retry !== 'object') fail('retry', 'an object { minDelay, maxDelay }', o.retry);
  const minDelay = int(retry, 'minDelay', 10, 3_600_000, 1000);
  const maxDelay = int(retry, 'maxDelay', minDelay, 86_400_000, Math.max(300_000, minDelay));
  return {
    endpoint: o.endpoint as string,
    batchUrl: url,
    writeKey: str(o, 'writeKey', 500),
    channel: oneOf(o, 'channel', CHANNELS, 'web')!,
    touchpoint: str(o, 'touchpoint'),
    journeyStage: oneOf(o, 'journeyStage', JOURNEY_STAGES),
    batchSize: int(o, 'batchSize', 1, LIMITS.batchEvents, 100),
    flushInterval: int(o, 'flushInterval', 50, 3_600_000, 5000),
    queueCap: int(o, 'queueCap', 10, 1_000_000, 1000),
    consent: oneOf(o, 'consent', ['granted', 'pending', 'denied'] as const, 'granted')!,
    gpc: oneOf(o, 'gpc', ['anonymous', 'deny', 'ignore'] as const, 'anonymous')!,
    sessionTimeout: int(o, 'sessionTimeout', 1, 24 * 60, 30),
    retry: { minDelay, maxDelay },
    storageKey: str(o, 'storageKey', 100) ?? 'touchpoint',
    debug: (o.debug as boolean) ?? false,
    onError: o.onError as ResolvedOptions['onError'],
  };
};
