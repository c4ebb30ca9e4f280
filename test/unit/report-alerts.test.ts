import { describe, expect, test } from 'vitest';
import { evaluateAlertRules, validateAlertRules, type AlertFacts } from '../../src/collector/report/alertRules';
import { alertText, createAlerts } from '../../src/collector/report/alerts';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const MIN = 60_000;
const rating = (i: number, o: Partial<AlertFacts['ratings'][number]> = {}): AlertFacts['ratings'][number] => ({
  id: `r${i}`, storeId: null, deviceId: null, touchpoint: 'checkout', channel: 'web', score: 5, min: 1, emotion: 100, timestamp: NOW - 10 * MIN, ...o,
});
const facts = (o: Partial<AlertFacts> = {}): AlertFacts => ({ ratings: [], kiosks: [], outcomes: [], ...o });

describe('rules', () => {
  const share = { kind: 'negative_share', threshold: 0.4, windowHours: 2, minCount: 10 } as const;
  test('negative share above the threshold with enough ratings, in the window only', () => {
    const ratings = Array.from({ length: 12 }, (_, i) => rating(i, i < 6 ? { score: 2, emotion: 25 } : {}));
    const [c] = evaluateAlertRules([share], facts({ ratings }), NOW);
    expect(c).toMatchObject({ key: 'negative_share:touchpoint:checkout', value: 0.5, count: 12, scope: { touchpoint: 'checkout' } });
    // 9 ratings: below the minimum count.
    expect(evaluateAlertRules([share], facts({ ratings: ratings.slice(0, 9) }), NOW)).toEqual([]);
    // The same ratings three hours ago are outside the window.
    expect(evaluateAlertRules([share], facts({ ratings: ratings.map((r) => ({ ...r, timestamp: NOW - 180 * MIN })) }), NOW)).toEqual([]);
    // A neutral 3 of 5 is not negative: 6 of 12 neutral is 0 %.
    expect(evaluateAlertRules([share], facts({ ratings: ratings.map((r) => (r.score === 2 ? { ...r, score: 3, emotion: 50 } : r)) }), NOW)).toEqual([]);
  });
  test('by store', () => {
    const ratings = Array.from({ length: 10 }, (_, i) => rating(i, { storeId: 'hcm-q1', score: 1, emotion: 0, touchpoint: 'store_exit' }));
    expect(evaluateAlertRules([{ ...share, by: 'store' }], facts({ ratings }), NOW)[0]).toMatchObject({ key: 'negative_share:store:hcm-q1', value: 1 });
  });
  test('a single 1–2 rating at a kiosk, not on the web, not a 3', () => {
    const ratings = [
      rating(1, { channel: 'kiosk', storeId: 's', deviceId: 'exit-1', score: 2, min: 1, emotion: 33 }),
      rating(2, { channel: 'kiosk', storeId: 's', deviceId: 'exit-1', score: 3, min: 1, emotion: 66 }),
      rating(3, { channel: 'web', score: 1, emotion: 0 }),
    ];
    const out = evaluateAlertRules([{ kind: 'low_rating' }], facts({ ratings }), NOW);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'low_rating:s/exit-1', value: 2, evidence: ['r1'] });
  });
  test('a kiosk silent longer than M minutes', () => {
    const kiosks = [{ storeId: 's', deviceId: 'a', lastSeen: NOW - 45 * MIN }, { storeId: 's', deviceId: 'b', lastSeen: NOW - 5 * MIN }];
    const out = evaluateAlertRules([{ kind: 'kiosk_silent', minutes: 30 }], facts({ kiosks }), NOW);
    expect(out.map((c) => [c.key, c.value])).toEqual([['kiosk_silent:s/a', 45]]);
  });
  test('abandonment rate of ended checkouts', () => {
    const outcomes = Array.from({ length: 20 }, (_, i) => ({ kind: 'checkout' as const, status: i < 18 ? ('abandoned' as const) : ('ordered' as const), endedAt: NOW - MIN }));
    const rule = { kind: 'abandonment_rate', threshold: 0.85, windowHours: 24, minCount: 20 } as const;
    expect(evaluateAlertRules([rule], facts({ outcomes }), NOW)[0]).toMatchObject({ key: 'abandonment_rate:checkout', value: 0.9, count: 20 });
    expect(evaluateAlertRules([{ ...rule, step: 'cart' }], facts({ outcomes }), NOW)).toEqual([]);
    expect(evaluateAlertRules([rule], facts({ outcomes: outcomes.slice(1) }), NOW)).toEqual([]);
  });
  test('bad rules fail naming the option', () => {
    expect(() => validateAlertRules([{ kind: 'negative_share', threshold: 40, windowHours: 2, minCount: 10 }])).toThrow('alerts.rules[0].threshold must be a share between 0 and 1');
    expect(() => validateAlertRules([{ kind: 'low_rating' }, { kind: 'kiosk_silent' }])).toThrow('alerts.rules[1].minutes');
    expect(() => validateAlertRules([{ kind: 'nope' }])).toThrow('alerts.rules[0].kind');
    expect(() => validateAlertRules('x')).toThrow('alerts.rules must be an array');
  });
});

describe('the alert book', () => {
  const cond = { key: 'negative_share:touchpoint:checkout', kind: 'negative_share' as const, scope: { touchpoint: 'checkout' }, value: 0.5, threshold: 0.4, count: 12, evidence: [] };
  test('a condition is one alert while it holds; again only after it stopped holding', () => {
    const book = createAlerts();
    expect(book.update([cond], NOW)).toHaveLength(1);
    expect(book.update([{ ...cond, value: 0.6 }], NOW + MIN)).toHaveLength(0);
    expect(book.open()[0]!.value).toBe(0.6);
    book.acknowledge(book.open()[0]!.id, NOW + 2 * MIN);
    expect(book.update([cond], NOW + 3 * MIN)).toHaveLength(0); // still the same episode
    expect(book.update([], NOW + 4 * MIN)).toHaveLength(0);
    expect(book.update([cond], NOW + 5 * MIN)).toHaveLength(1);
  });
  test('low ratings of one kiosk gather in the open alert; each rating counts once', () => {
    const book = createAlerts();
    const low = (id: string) => ({ key: 'low_rating:s/exit-1', kind: 'low_rating' as const, scope: { storeId: 's', deviceId: 'exit-1' }, value: 1, count: 1, evidence: [id] });
    expect(book.update([low('a')], NOW)).toHaveLength(1);
    expect(book.update([low('a'), low('b')], NOW + MIN)).toHaveLength(0);
    expect(book.open()[0]!.count).toBe(2);
    expect(book.acknowledge(book.open()[0]!.id, NOW + 2 * MIN)).toBe(true);
    expect(book.acknowledge(book.open()[0]?.id ?? 'x', NOW)).toBe(false);
    expect(book.update([low('a'), low('b')], NOW + 3 * MIN)).toHaveLength(0);
    expect(book.update([low('c')], NOW + 4 * MIN)).toHaveLength(1);
  });
  test('delivery retries 5xx with back-off, then delivers; debounce sends one message per key', async () => {
    const calls: { url: string; body: Record<string, unknown> }[] = [];
    let failures = 2;
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(null, { status: failures-- > 0 ? 503 : 200 });
    }) as typeof globalThis.fetch;
    const book = createAlerts({ webhook: { url: 'http://hook.test/x' }, fetch, backoffMs: 1, debounceMs: 30 * MIN, label: (_tp, lang) => (lang === 'vi' ? 'Thanh toán' : 'Checkout') });
    const [a] = book.update([cond], NOW);
    await book.idle();
    expect(a!.delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.body).toMatchObject({ id: a!.id, kind: 'negative_share', text: '⚠️ Negative ratings at Checkout: 50 % of 12 (threshold 40 %)', texts: { vi: '⚠️ Nhiều đánh giá tiêu cực tại Thanh toán: 50 % trong 12 lượt (ngưỡng 40 %)' } });
    // Acknowledged, cleared, and back within 30 minutes: listed, not sent again.
    book.acknowledge(a!.id, NOW + MIN);
    book.update([], NOW + 2 * MIN);
    const [again] = book.update([cond], NOW + 3 * MIN);
    await book.idle();
    expect(again!.delivery.status).toBe('debounced');
    expect(calls).toHaveLength(3);
    book.close();
  });
  test('a 4xx fails at once and is told; close stops retrying', async () => {
    const errors: unknown[] = [];
    const book = createAlerts({ webhook: { url: 'http://hook.test/x' }, fetch: (async () => new Response(null, { status: 404 })) as typeof fetch, onError: (e) => errors.push(e) });
    const [a] = book.update([cond], NOW);
    await book.idle();
    expect(a!.delivery).toMatchObject({ status: 'failed', attempts: 1, error: 'HTTP 404' });
    expect(String(errors[0])).toMatch(/not delivered: HTTP 404/);
    const stuck = createAlerts({ webhook: { url: 'http://hook.test/x' }, fetch: (async () => { throw new Error('offline'); }) as typeof fetch, backoffMs: 60_000 });
    const [b] = stuck.update([cond], NOW);
    setTimeout(() => stuck.close(), 20);
    await stuck.idle();
    expect(b!.delivery.status).toBe('failed');
  });
});

test('alert texts in both languages', () => {
  expect(alertText({ kind: 'kiosk_silent', scope: { storeId: 'hn', deviceId: 'exit-1' }, value: 45, count: 1 }, 'vi')).toBe('⚠️ Kiosk hn · exit-1 mất tín hiệu 45 phút');
  expect(alertText({ kind: 'abandonment_rate', scope: { step: 'cart' }, value: 0.9, threshold: 0.85, count: 20 }, 'en')).toBe('⚠️ Cart abandonment 90 % of 20 (threshold 85 %)');
});
