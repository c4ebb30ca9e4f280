/**
 * The core and the wire schemas must agree: every event the core sends validates against
 * `EventSchema` (a collector validating with it accepts it), and an event the core refuses to
 * produce is refused by the schema too.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { memoryStore } from '../../src/core/storage';
import { serialise, withIds, withSentAt } from '../../src/core/serialise';
import { isoLocal } from '../../src/core/isoLocal';
import { BatchSchema, EventSchema } from '../../src/schema/event';
import { codes, fakeTransport, makeTracker, type WireBatch } from './core-support';

const valid = (e: unknown) => EventSchema.safeParse(e).success;
const issues = (e: unknown) => {
  const r = EventSchema.safeParse(e);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

/** A tracker whose delivered batches are collected. */
const wired = (opts = {}) => {
  const ft = fakeTransport();
  const t = makeTracker({ writeKey: 'wk', ...opts }, { store: memoryStore(), transport: ft.transport });
  return { ...t, ft };
};

describe('events the core produces validate against EventSchema', () => {
  test('track, page and identify, with every optional part filled', async () => {
    const original = location.href;
    history.replaceState(null, '', '/vi/san-pham/ao-dai?utm_source=zalo&utm_medium=social&utm_campaign=tet&utm_id=7');
    document.title = 'Áo dài lụa — Cửa hàng';
    try {
      const { tracker, ft, errors } = wired({ touchpoint: 'pdp', journeyStage: 'consideration', channel: 'store' });
      tracker.page('Sản phẩm', { category: 'Áo dài' });
      tracker.track('Product Added', { sku: 'A-1', price: 450000, tags: ['lụa', '😍'], at: new Date(0), nested: { a: null } });
      tracker.identify('user-42', { name: 'Nguyễn Văn A', email: 'a@example.vn' });
      tracker.track('Order Completed', { total: 1 }, {
        channel: 'kiosk',
        touchpoint: 'kiosk-3',
        journey_stage: 'purchase',
        context: { ip: '0.0.0.0' },
        timestamp: new Date('2026-02-01T08:00:00+07:00'),
      });
      tracker.identify(null, { newsletter: true });
      await tracker.flush();
      expect(errors).toEqual([]);
      const events = ft.delivered();
      expect(events.map((e) => e.event ?? e.name ?? e.type).sort()).toEqual(
        ['Order Completed', 'Product Added', 'Sản phẩm', 'identify', 'identify'].sort(),
      );
      for (const e of events) expect(issues(e), `${e.type} ${e.event ?? ''}`).toEqual([]);
      for (const s of ft.sends) expect(BatchSchema.safeParse(s.batch).success).toBe(true);
    } finally {
      history.replaceState(null, '', original);
    }
  });

  test('a compact batch with writeKey and dropped_events, its context merged, validates as a BatchSchema', async () => {
    const ft = fakeTransport((_b, call) => ({ status: call === 1 ? 503 : 200 }));
    const { tracker } = makeTracker({ writeKey: 'wk', queueCap: 10, retry: { minDelay: 60_000 } }, { store: memoryStore(), transport: ft.transport });
    for (let i = 0; i < 12; i++) tracker.track(`E${i}`);
    await tracker.flush();
    await tracker.flush();
    const b = ft.sends.at(-1)!.batch;
    // As the collector validates it: the batch context merged into each event (contract item 3).
    expect(b.batch[0]!.context.dropped_events).toBe(2);
    const r = BatchSchema.safeParse(b);
    expect(r.success).toBe(true);
  });

  test('withIds + withSentAt output of any serialisable call validates (property test)', () => {
    const name = fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(
        name,
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        fc.uuid(),
        fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (event, properties, anonymousId, userId, t) => {
          const out = serialise({
            type: 'track',
            event,
            properties,
            messageId: anonymousId,
            timestamp: isoLocal(t),
            context: { library: { name: 'touchpoint', version: '1' }, channel: 'web' },
          });
          fc.pre('json' in out);
          const json = withSentAt(withIds((out as { json: string }).json, { anonymousId, userId, sessionId: 's' }), isoLocal());
          const e = JSON.parse(json);
          expect(issues(e)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('tracker output for random valid calls validates (property test)', async () => {
    const { tracker, ft, errors } = wired();
    const calls = fc.sample(
      fc.tuple(
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0),
        // Null-prototype dictionaries are covered in core-tracker.test.ts.
        fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5, noNullPrototype: true }),
      ),
      { numRuns: 100, seed: 42 },
    );
    for (const [name, props] of calls) tracker.track(name, props as Record<string, unknown>);
    await tracker.flush();
    expect(errors).toEqual([]);
    const events = ft.delivered();
    expect(events).toHaveLength(100);
    for (const e of events) expect(issues(e)).toEqual([]);
  });

  // Per-call options are checked at run time (plain-JS and script-tag callers).
  test('bad per-call options (JS callers): rejected by the core, or the event validates', async () => {
    const { tracker, ft, errors } = wired();
    const track = tracker.track as (e: string, p: object, o: object) => void;
    track('A', {}, { journey_stage: 'checkout' });
    track('B', {}, { channel: 'tv' });
    track('C', {}, { touchpoint: 't'.repeat(300) });
    await tracker.flush();
    const rejectedByCore = codes(errors).filter((c) => c === 'invalid_call').length;
    const sent = ft.delivered();
    expect(rejectedByCore + sent.length).toBe(3);
    for (const e of sent) expect(issues(e), e.event).toEqual([]);
    // The core refuses all three (the schema would reject each of them).
    expect(rejectedByCore).toBe(3);
  });

  // A page name over 500 characters is refused; the default touchpoint is the path cut to 200.
  test('long page names and long paths: rejected by the core, or the event validates', async () => {
    const original = location.href;
    history.replaceState(null, '', `/${'p'.repeat(250)}`);
    try {
      const { tracker, ft, errors } = wired();
      tracker.page('N'.repeat(600));
      tracker.track('On a long path');
      await tracker.flush();
      const sent = ft.delivered();
      expect(codes(errors).filter((c) => c === 'invalid_call').length + sent.length).toBe(2);
      for (const e of sent) expect(issues(e), e.event ?? e.type).toEqual([]);
      // The long name is refused; the event on the long path goes out with a cut touchpoint.
      expect(sent.map((e) => e.event)).toEqual(['On a long path']);
    } finally {
      history.replaceState(null, '', original);
    }
  });
});

describe('events the core rejects are rejected by EventSchema too', () => {
  /** A valid event as the core sends it, to derive invalid variants from. */
  const good = async (): Promise<WireBatch['batch'][number]> => {
    const { tracker, ft } = wired();
    tracker.track('Good');
    await tracker.flush();
    return ft.delivered()[0]!;
  };

  test('the base event is valid (control)', async () => {
    expect(valid(await good())).toBe(true);
  });

  test.each([
    ['an empty event name', (t: { track: Function }) => t.track(''), { event: '' }],
    ['an event name over 200 characters', (t: { track: Function }) => t.track('x'.repeat(201)), { event: 'x'.repeat(201) }],
    ['a non-string event name', (t: { track: Function }) => t.track(42), { event: 42 }],
    ['a missing event name', (t: { track: Function }) => t.track(undefined), { event: undefined }],
    ['string properties', (t: { track: Function }) => t.track('A', 'red'), { properties: 'red' }],
    ['array properties', (t: { track: Function }) => t.track('A', [1, 2]), { properties: [1, 2] }],
    ['number properties', (t: { track: Function }) => t.track('A', 5), { properties: 5 }],
  ])('%s', async (_what, call, patch) => {
    const base = await good();
    const { tracker, ft, errors } = wired();
    call(tracker as unknown as { track: Function });
    await tracker.flush();
    expect(codes(errors)).toEqual(['invalid_call']);
    expect(ft.delivered()).toEqual([]);
    expect(valid({ ...base, ...patch })).toBe(false);
  });

  test('a page name that is not a string', async () => {
    const base = await good();
    const { tracker, errors } = wired();
    (tracker.page as (n: unknown) => void)(42);
    expect(codes(errors)).toEqual(['invalid_call']);
    expect(valid({ ...base, type: 'page', event: undefined, name: 42 })).toBe(false);
  });

  test('a user id over 200 characters', async () => {
    const base = await good();
    const { tracker, errors } = wired();
    tracker.identify('u'.repeat(201));
    expect(codes(errors)).toEqual(['invalid_call']);
    expect(valid({ ...base, type: 'identify', event: undefined, userId: 'u'.repeat(201) })).toBe(false);
  });

  // The schema requires userId to have at least one character, as the core does.
  test('an empty user id', async () => {
    const base = await good();
    const { tracker, errors } = wired();
    tracker.identify('');
    expect(codes(errors)).toEqual(['invalid_call']);
    expect(valid({ ...base, type: 'identify', event: undefined, userId: '' })).toBe(false);
  });

  test('no identity at all, an unknown type, a bad timestamp, no messageId', async () => {
    const base = await good();
    expect(valid({ ...base, anonymousId: undefined })).toBe(false);
    expect(valid({ ...base, type: 'alias' })).toBe(false);
    expect(valid({ ...base, timestamp: '22/11/2026 17:03' })).toBe(false);
    expect(valid({ ...base, messageId: undefined })).toBe(false);
    expect(valid({ ...base, messageId: '' })).toBe(false);
  });
});
