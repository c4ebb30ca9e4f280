import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/core/limits';
import { serialise, utf8Length, withIds, withSentAt } from '../../src/core/serialise';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s).length;
/**
 * Any Unicode scalar value (every code point but a lone surrogate), generated directly: filtering
 * with fc.pre threw most candidates away, and the test then timed out on a busy machine.
 */
const codePoint = fc
  .oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
  .map((c) => String.fromCodePoint(c));

describe('utf8Length', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['é', 2], // U+00E9
    ['߿', 2], // U+07FF, last 2-byte code point
    ['ࠀ', 3], // U+0800, first 3-byte code point
    ['ệ', 3], // U+1EC7, precomposed Vietnamese
    ['€', 3],
    ['😀', 4], // surrogate pair
    ['👍🏽', 8], // two astral code points
    ['\uffff', 3],
  ])('%j is %i bytes', (s, n) => {
    expect(utf8Length(s)).toBe(n);
  });

  test('Vietnamese text, precomposed (NFC) and decomposed (NFD)', () => {
    const vi = 'Cảm ơn quý khách đã mua hàng! Dịch vụ rất tuyệt vời 😍👍';
    expect(utf8Length(vi)).toBe(bytes(vi));
    expect(utf8Length(vi.normalize('NFD'))).toBe(bytes(vi.normalize('NFD')));
    expect(utf8Length(vi.normalize('NFD'))).toBeGreaterThan(utf8Length(vi));
  });

  test('equals TextEncoder for any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: codePoint, maxLength: 200 }), (s) => {
        expect(utf8Length(s)).toBe(bytes(s));
      }),
      { numRuns: 500 },
    );
  });

  test('lone surrogates never reach it raw: JSON.stringify escapes them', () => {
    const out = serialise({ p: 'a\ud800b' });
    if (!('json' in out)) throw new Error('expected json');
    expect(out.json).toContain('\\ud800');
    expect(utf8Length(out.json)).toBe(bytes(out.json));
  });
});

describe('serialise', () => {
  test('a plain event becomes its JSON', () => {
    const ev = { type: 'track', event: 'Xin chào', properties: { n: 1, d: new Date(0) } };
    expect(serialise(ev)).toEqual({ json: JSON.stringify(ev) });
  });

  test('circular structure → not_serialisable, no throw', () => {
    const p: Record<string, unknown> = { a: 1 };
    p.self = p;
    const out = serialise({ type: 'track', properties: p });
    expect(out).toMatchObject({ error: 'not_serialisable' });
    expect((out as { message: string }).message).toMatch(/not JSON-serialisable/);
  });

  test('BigInt → not_serialisable', () => {
    expect(serialise({ type: 'track', properties: { n: 10n } })).toMatchObject({ error: 'not_serialisable' });
  });

  test('a throwing getter or toJSON → not_serialisable', () => {
    const getter = {
      get boom() {
        throw new Error('nope');
      },
    };
    expect(serialise({ properties: getter })).toMatchObject({ error: 'not_serialisable' });
    expect(serialise({ properties: { toJSON: () => { throw new Error('x'); } } })).toMatchObject({ error: 'not_serialisable' });
  });

  test('> 32 KB → event_too_large, with the limit in the message', () => {
    const out = serialise({ type: 'track', properties: { blob: 'x'.repeat(LIMITS.eventBytes + 10) } });
    expect(out).toMatchObject({ error: 'event_too_large' });
    expect((out as { message: string }).message).toContain(`over ${LIMITS.eventBytes - 512} bytes`);
  });

  test('the limit leaves headroom for ids added later and is counted in UTF-8 bytes, not characters', () => {
    // Find the exact byte bound by bisection on a padding string.
    const sized = (n: number, ch = 'x') => ({ p: ch.repeat(n) });
    let lo = 0;
    let hi = LIMITS.eventBytes;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ('json' in serialise(sized(mid))) lo = mid;
      else hi = mid - 1;
    }
    const largest = JSON.stringify(sized(lo));
    expect(bytes(largest)).toBeLessThan(LIMITS.eventBytes - 256);
    expect(bytes(largest)).toBeGreaterThan(LIMITS.eventBytes - 1024);
    // 11,000 characters of 3-byte Vietnamese letters are 33,000 bytes: too large although short.
    const vi = serialise(sized(11_000, 'ệ'));
    expect(vi).toMatchObject({ error: 'event_too_large' });
    // The same character count in ASCII is fine.
    expect('json' in serialise(sized(11_000))).toBe(true);
    // Emoji: 4 bytes per 2 UTF-16 units.
    expect(serialise(sized(8_100, '😀'))).toMatchObject({ error: 'event_too_large' });
    expect('json' in serialise(sized(7_000, '😀'))).toBe(true);
  });
});

describe('withIds / withSentAt', () => {
  const core = JSON.stringify({
    type: 'track',
    event: 'Đặt hàng "nhanh"',
    properties: { emoji: '😀', nested: { a: [1, 2] } },
    messageId: 'm-1',
    timestamp: '2026-01-01T10:00:00.000+07:00',
    context: { library: { name: 'touchpoint' }, channel: 'web' },
  });

  test('adds anonymousId first, userId when known, session_id last in context: valid JSON', () => {
    const json = withIds(core, { anonymousId: 'a"1', userId: 'u\\1', sessionId: 's-1' });
    const ev = JSON.parse(json);
    expect(Object.keys(ev).slice(0, 2)).toEqual(['anonymousId', 'userId']);
    expect(ev.anonymousId).toBe('a"1');
    expect(ev.userId).toBe('u\\1');
    expect(ev.context).toEqual({ library: { name: 'touchpoint' }, channel: 'web', session_id: 's-1' });
    expect(Object.keys(ev.context).at(-1)).toBe('session_id');
    expect(Object.keys(ev).at(-1)).toBe('context');
    expect(ev.event).toBe('Đặt hàng "nhanh"');
    expect(ev.properties).toEqual({ emoji: '😀', nested: { a: [1, 2] } });
  });

  test.each([undefined, null, ''])('userId %o is left out', (userId) => {
    const ev = JSON.parse(withIds(core, { anonymousId: 'a', userId, sessionId: 's' }));
    expect('userId' in ev).toBe(false);
    expect(ev.anonymousId).toBe('a');
  });

  test('withSentAt appends sentAt as the last key: valid JSON', () => {
    const json = withSentAt(withIds(core, { anonymousId: 'a', sessionId: 's' }), '2026-01-01T10:00:05.000+07:00');
    const ev = JSON.parse(json);
    expect(ev.sentAt).toBe('2026-01-01T10:00:05.000+07:00');
    expect(Object.keys(ev).at(-1)).toBe('sentAt');
    expect(ev.context.session_id).toBe('s');
  });

  test('any serialised event with a non-empty context stays valid JSON after both splices', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.string({ minLength: 1 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (properties, context, anonymousId, userId) => {
          const out = serialise({ type: 'track', event: 'E', properties, context });
          fc.pre('json' in out);
          const json = withSentAt(withIds((out as { json: string }).json, { anonymousId, userId, sessionId: 'S' }), 'T');
          const ev = JSON.parse(json);
          expect(ev.anonymousId).toBe(anonymousId);
          expect(ev.userId).toBe(userId);
          expect(ev.context.session_id).toBe('S');
          expect(ev.sentAt).toBe('T');
          expect(ev.properties).toEqual(JSON.parse(JSON.stringify(properties)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
