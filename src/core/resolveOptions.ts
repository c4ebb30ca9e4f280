/**
 * Validates `createTracker()` options and applies defaults. A bad option throws a TypeError at
 * set-up naming the option and what is expected: misuse fails fast, before any event is lost.
 * Table-driven to keep the script tag small.
 */
import { CHANNELS, JOURNEY_STAGES, LIMITS } from './limits';
import type { ResolvedOptions, TrackerOptions } from './types';

type Rule =
  | [kind: 'int', min: number, max: number, def: number]
  | [kind: 'one', list: readonly string[], def?: string]
  | [kind: 'str', max: number]
  | [kind: 'bool' | 'fn'];

const RULES: Record<string, Rule> = {
  writeKey: ['str', 500],
  channel: ['one', CHANNELS, 'web'],
  touchpoint: ['str', 200],
  journeyStage: ['one', JOURNEY_STAGES],
  batchSize: ['int', 1, LIMITS.batchEvents, 100],
  flushInterval: ['int', 50, 3_600_000, 5000],
  queueCap: ['int', 10, 1_000_000, 1000],
  consent: ['one', ['granted', 'pending', 'denied'], 'granted'],
  gpc: ['one', ['anonymous', 'deny', 'ignore'], 'anonymous'],
  sessionTimeout: ['int', 1, 1440, 30],
  storageKey: ['str', 100],
  debug: ['bool'],
  onError: ['fn'],
};

const fail = (name: string, expected: string, got: unknown): never => {
  throw new TypeError(`touchpoint: option "${name}" must be ${expected} (got ${JSON.stringify(got) ?? String(got)})`);
};

const check = (name: string, rule: Rule, v: unknown): unknown => {
  const [kind, a, b, def] = rule as [string, never, never, never];
  if (v === undefined) return kind === 'int' ? def : kind === 'one' ? b : undefined;
  if (kind === 'int' && !(Number.isInteger(v) && (v as number) >= a && (v as number) <= b))
    fail(name, `an integer from ${a} to ${b}`, v);
  if (kind === 'one' && !(a as readonly unknown[]).includes(v)) fail(name, `one of ${(a as string[]).map((x) => `"${x}"`).join(', ')}`, v);
  if (kind === 'str' && !(typeof v === 'string' && v && v.length <= a)) fail(name, `a non-empty string of at most ${a} characters`, v);
  if (kind === 'bool' && typeof v !== 'boolean') fail(name, 'true or false', v);
  if (kind === 'fn' && typeof v !== 'function') fail(name, 'a function', v);
  return v;
};

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
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o))
    if (!RULES[k] && !['endpoint', 'retry', ...extraKeys].includes(k))
      throw new TypeError(`touchpoint: unknown option "${k}" (known: endpoint, retry, ${Object.keys(RULES).join(', ')})`);
  for (const k in RULES) out[k] = check(k, RULES[k]!, o[k]);
  const endpoint = o.endpoint;
  let url = '';
  try {
    url = typeof endpoint === 'string' && endpoint ? batchUrl(endpoint) : '';
  } catch {
    /* reported below */
  }
  if (!/^https?:/.test(url)) fail('endpoint', 'the collector URL, e.g. "https://collect.example.com"', endpoint);
  const retry = o.retry ?? {};
  if (typeof retry !== 'object' || retry === null) fail('retry', 'an object { minDelay, maxDelay }', retry);
  const r = retry as Record<string, unknown>;
  const minDelay = check('retry.minDelay', ['int', 10, 3_600_000, 1000], r.minDelay) as number;
  const maxDelay = check('retry.maxDelay', ['int', minDelay, 86_400_000, Math.max(300_000, minDelay)], r.maxDelay) as number;
  return {
    ...out,
    endpoint,
    batchUrl: url,
    retry: { minDelay, maxDelay },
    storageKey: out.storageKey ?? 'touchpoint',
    debug: out.debug ?? false,
  } as ResolvedOptions;
};
