import { describe, expect, test } from 'vitest';
import { difference, meanInterval, meanOf, MIN_SAMPLE, npsInterval, shareDifference, t95, wilson } from '../../src/collector/report/stats';

describe('wilson', () => {
  test('textbook examples: 0 of 10, 5 of 10, 40 of 48', () => {
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const half = wilson(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const csat = wilson(40, 48);
    expect(csat.value).toBeCloseTo(0.8333, 4);
    expect(csat.low).toBeCloseTo(0.7042, 3);
    expect(csat.high).toBeCloseTo(0.9131, 3);
  });
  test('directional below the minimum sample', () => {
    expect(wilson(20, MIN_SAMPLE - 1).directional).toBe(true);
    expect(wilson(20, MIN_SAMPLE).directional).toBe(false);
    expect(wilson(0, 0)).toMatchObject({ n: 0, low: 0, high: 1, directional: true });
  });
});

test('NPS: 50 promoters, 20 detractors of 100 is +30 ± 15.3', () => {
  const nps = npsInterval(50, 20, 100);
  expect(nps.value).toBeCloseTo(30, 6);
  expect(nps.se).toBeCloseTo(7.81, 2);
  expect(nps.low).toBeCloseTo(14.69, 1);
  expect(nps.high).toBeCloseTo(45.31, 1);
  // All promoters: no spread, the interval is the point (and clamped to 100).
  expect(npsInterval(10, 0, 10)).toMatchObject({ value: 100, low: 100, high: 100 });
});

test('mean: 1,2,3,4,5 is 3 ± 2.776·0.707 (t with 4 df); one answer spans the scale', () => {
  const m = meanOf([1, 2, 3, 4, 5], [1, 7]);
  expect(m.value).toBe(3);
  expect(m.low).toBeCloseTo(1.037, 3);
  expect(m.high).toBeCloseTo(4.963, 3);
  expect(t95(4)).toBe(2.776);
  expect(t95(60)).toBeCloseTo(2.0003, 2);
  expect(meanInterval(1, 80, 6400, [0, 100])).toMatchObject({ value: 80, low: 0, high: 100 });
  // Five answers all 100: no spread in the sample, yet not certain — the Wilson bound of 5 of 5.
  const same = meanOf([100, 100, 100, 100, 100], [0, 100]);
  expect(same.high).toBe(100);
  expect(same.low).toBeCloseTo(56.55, 1);
  // Clamped to the scale.
  expect(meanOf([0, 0, 0, 100], [0, 100]).low).toBe(0);
});

describe('difference beyond noise', () => {
  // Emotion 0–100 with the spread of real ratings (sd ≈ 30).
  const sample = (mean: number, n: number) => meanInterval(n, mean * n, n * (mean * mean) + 900 * (n - 1), [0, 100]);
  test('46 → 39 on about 90 answers each is noise', () => {
    const d = difference(sample(39, 90), sample(46, 92));
    expect(d.delta).toBeCloseTo(-7, 6);
    expect(d.beyondNoise).toBe(false);
  });
  test('37.5 on 48 against 88 on 51 is not', () => {
    expect(difference(sample(37.5, 48), sample(88, 51)).beyondNoise).toBe(true);
  });
  test('small samples need a larger difference: 25 points on 3 vs 6 ratings is noise (it would not be with z)', () => {
    const three = meanOf([50, 75, 50], [0, 100]);
    const six = meanOf([75, 100, 75, 75, 100, 75], [0, 100]);
    const d = difference(three, six);
    expect(Math.abs(d.delta)).toBeGreaterThan(1.96 * d.se);
    expect(d.beyondNoise).toBe(false);
  });
  test('no answers on one side is never beyond noise', () => {
    expect(difference(sample(10, 50), meanInterval(0, 0, 0, [0, 100])).beyondNoise).toBe(false);
  });
  test('two-proportion test: 30 % of 200 vs 45 % of 200 differs, 30 % of 20 vs 45 % of 20 does not', () => {
    expect(shareDifference(60, 200, 90, 200).beyondNoise).toBe(true);
    expect(shareDifference(6, 20, 9, 20).beyondNoise).toBe(false);
    expect(shareDifference(6, 20, 9, 20).delta).toBeCloseTo(-0.15, 6);
  });
});
