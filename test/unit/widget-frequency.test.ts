import { describe, expect, it } from 'vitest';
import { checkFrequency, countImpression, rememberOutcome } from '../../src/widget/frequency';
import { defaultStore, memoryStore } from '../../src/widget/store';
import { visitorPercentile } from '../../src/widget/visitorPercentile';
import { acquireScreen } from '../../src/widget/screenLock';

const DAY = 864e5;

describe('checkFrequency', () => {
  it('a fresh visitor is eligible', async () => {
    expect(await checkFrequency(memoryStore(), { id: 's' })).toBe('');
  });

  it('remembers answered and dismissed per survey', async () => {
    const store = memoryStore();
    await rememberOutcome(store, 'a', 'answered', 0);
    await rememberOutcome(store, 'b', 'dismissed', 0);
    const later = 1000 * DAY;
    expect(await checkFrequency(store, { id: 'a' }, later)).toBe('answered');
    expect(await checkFrequency(store, { id: 'b' }, later)).toBe('dismissed');
    expect(await checkFrequency(store, { id: 'c' }, later)).toBe('');
  });

  it('a global cooldown follows any answer or dismissal (default 90 days)', async () => {
    const store = memoryStore();
    await rememberOutcome(store, 'a', 'dismissed', 0);
    expect(await checkFrequency(store, { id: 'other' }, 89 * DAY)).toBe('cooldown');
    expect(await checkFrequency(store, { id: 'other' }, 91 * DAY)).toBe('');
    expect(await checkFrequency(store, { id: 'other', cooldownDays: 7 }, 8 * DAY)).toBe('');
  });

  it('caps ignored impressions (default 3)', async () => {
    const store = memoryStore();
    for (let i = 0; i < 2; i++) await countImpression(store, 's');
    expect(await checkFrequency(store, { id: 's' })).toBe('');
    await countImpression(store, 's');
    expect(await checkFrequency(store, { id: 's' })).toBe('ignored');
    expect(await checkFrequency(store, { id: 's', maxIgnored: 5 })).toBe('');
  });

  it('samples by a stable per-visitor percentile', async () => {
    const store = memoryStore();
    const p = await visitorPercentile(store, 's');
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(100);
    expect(await visitorPercentile(store, 's')).toBe(p);
    expect(await checkFrequency(store, { id: 's', sampleRate: (p + 0.01) / 100 })).toBe('');
    expect(await checkFrequency(store, { id: 's', sampleRate: p / 100 })).toBe('sampled_out');
    expect(await checkFrequency(store, { id: 's', sampleRate: 0 })).toBe('sampled_out');
  });

  it('about sampleRate of visitors are in the sample', async () => {
    let inside = 0;
    for (let i = 0; i < 2000; i++) if ((await checkFrequency(memoryStore(), { id: 's', sampleRate: 0.3 })) == '') inside++;
    expect(inside / 2000).toBeGreaterThan(0.25);
    expect(inside / 2000).toBeLessThan(0.35);
  });

  it('the default store keeps state in IndexedDB (touchpoint-widget-v1), never cookies', async () => {
    const store = defaultStore();
    await rememberOutcome(store, 'idb', 'answered');
    expect(await store.get('s:idb')).toBe('answered');
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('touchpoint-widget-v1');
    expect(document.cookie).toBe('');
  });
});

describe('acquireScreen', () => {
  it('one survey on screen at a time (same-tab guard without Web Locks)', async () => {
    const release = await acquireScreen();
    expect(release).toBeTypeOf('function');
    expect(await acquireScreen()).toBeUndefined();
    release!();
    const again = await acquireScreen();
    expect(again).toBeTypeOf('function');
    again!();
  });
});
