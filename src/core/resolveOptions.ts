/**
 * Validates `createTracker()` options and applies defaults. A bad option throws a TypeError at
 * set-up naming the option and what is expected: misuse fails fast, before any event is lost.
 * Table-driven to keep the script tag small.
 */
import { CHANNELS, JOURNEY_STAGES, LIMITS } from './limits';
import { safeText } from './safeText';
import type { ResolvedOptions, TrackerOptions } from './types';

/** One option's rule: its kind, its default, then the kind's bounds. */
export type Rule =
  | [kind: 'int', def: number, min: number, max: number]
  | [kind: 'num', def: number, above: number, max: number]
  | [kind: 'one', def: string | undefined, list: readonly string[]]
  | [kind: 'str', def: string | undefined, max: number]
  | [kind: 'bool', def?: boolean]
  | [kind: 'list', def: readonly string[]]
  | [kind: 'fn'];

const RULES: Record<string, Rule> = {
  writeKey: ['str', undefined, 500],
  channel: ['one', 'web', CHANNELS],
  touchpoint: ['str', undefined, 200],
  journeyStage: ['one', undefined, JOURNEY_STAGES],
  batchSize: ['int', 100, 1, LIMITS.batchEvents],
  flushInterval: ['int', 5000, 50, 3_600_000],
  queueCap: ['int', 1000, 10, 1_000_000],
  consent: ['one', 'granted', ['granted', 'pending', 'denied']],
  gpc: ['one', 'anonymous', ['anonymous', 'deny', 'ignore']],
  sessionTimeout: ['int', 30, 1, 1440],
  storageKey: ['str', 'touchpoint', 100],
  debug: ['bool', false],
  allowBots: ['bool', false],
  onError: ['fn'],
};

/** A bad option: the TypeError `resolveOptions` throws, with the option's name. */
export interface OptionError extends TypeError {
  /** The option that is bad (`batchSize`, `retry.minDelay` …, or `options` for no object). */
  option: string;
}

const optionError = (option: string, message: string): OptionError => Object.assign(new TypeError(message), { option });

const fail = (name: string, expected: string, got: unknown): never => {
  let shown: string;
  try {
    shown = JSON.stringify(got) ?? String(got);
  } catch {
    shown = safeText(got);
  }
  throw optionError(name, `touchpoint: option "${name}" must be ${expected} (got ${shown})`);
};

const check = (name: string, rule: Rule, v: any): unknown => {
  const [kind, def, a, b] = rule as [string, unknown, any, any];
  if (v === undefined) return def;
  // What the value should have been, or false when it is fine.
  const expected =
    kind == 'int' ? !(Number.isInteger(v) && v >= a && v <= b) && `an integer from ${a} to ${b}`
    // Compared as the shop layer always did (no type check: a numeric string passes).
    : kind == 'num' ? !(v > a && v <= b) && `a number above ${a}, at most ${b}`
    : kind == 'one' ? !a.includes(v) && `one of ${a.map((x: string) => `"${x}"`).join(', ')}`
    : kind == 'str' ? !(typeof v == 'string' && v && v.length <= a) && `a non-empty string of at most ${a} characters`
    : kind == 'bool' ? typeof v != 'boolean' && 'true or false'
    : kind == 'list' ? !(Array.isArray(v) && v.every((x) => typeof x == 'string' && x)) && 'a list of names'
    : typeof v != 'function' && 'a function';
  if (expected) fail(name, expected, v);
  return v;
};

/** Batch URL for an endpoint: a base URL gets `/v1/batch`, a URL ending in `/batch` is kept. */
export const batchUrl = (endpoint: string): string => {
  const u = new URL(endpoint, globalThis.location?.href);
  if (!/\/batch$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/v1/batch`;
  return u.href;
};

/**
 * Validate options and fill in defaults (throws a TypeError naming the bad option). `extraKeys`
 * are accepted unchecked (their caller checks them); `extraRules` are checked first, like the
 * core's, and their values (or defaults) returned with the rest.
 */
export const resolveOptions = (
  input: TrackerOptions | undefined,
  extraKeys: readonly string[] = [],
  extraRules: Record<string, Rule> = {},
): ResolvedOptions => {
  if (!input || typeof input !== 'object') fail('options', 'an object with at least `endpoint`', input);
  const o = input as unknown as Record<string, unknown>;
  const rules = { ...extraRules, ...RULES };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o))
    if (!rules[k] && !['endpoint', 'retry', ...extraKeys].includes(k))
      throw optionError(k, `touchpoint: unknown option "${k}" (known: endpoint, retry, ${Object.keys(rules).join(', ')})`);
  for (const k in rules) out[k] = check(k, rules[k]!, o[k]);
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
  const minDelay = check('retry.minDelay', ['int', 1000, 10, 3_600_000], r.minDelay) as number;
  const maxDelay = check('retry.maxDelay', ['int', Math.max(300_000, minDelay), minDelay, 86_400_000], r.maxDelay) as number;
  return { ...out, endpoint, batchUrl: url, retry: { minDelay, maxDelay } } as ResolvedOptions;
};

/**
 * The first bad option of `input` (its name and the message `resolveOptions` would throw), or
 * undefined when every option is fine. For callers that leave a bad option out instead of
 * failing (the script tag's `data-*` attributes).
 */
export const findBadOption = (
  input: TrackerOptions | undefined,
  extraKeys: readonly string[] = [],
  extraRules: Record<string, Rule> = {},
): OptionError | undefined => {
  try {
    resolveOptions(input, extraKeys, extraRules);
    return undefined;
  } catch (e) {
    return e as OptionError;
  }
};
