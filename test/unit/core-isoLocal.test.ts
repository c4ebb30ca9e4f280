import { afterEach, describe, expect, test, vi } from 'vitest';
import { isoLocal } from '../../src/core/isoLocal';
import { IsoDateTime } from '../../src/schema/event';

const at = (iso: string, offsetMinutesEastOfUtc: number) => {
  const d = new Date(iso);
  // getTimezoneOffset is minutes *west* of UTC (UTC+7 → -420).
  vi.spyOn(d, 'getTimezoneOffset').mockReturnValue(-offsetMinutesEastOfUtc);
  return d;
};

afterEach(() => vi.restoreAllMocks());

describe('isoLocal', () => {
  test.each([
    ['2026-11-22T10:03:00.000Z', 420, '2026-11-22T17:03:00.000+07:00'], // Ho Chi Minh City
    ['2026-11-22T10:03:00.000Z', 0, '2026-11-22T10:03:00.000+00:00'],
    ['2026-11-22T10:03:00.000Z', -300, '2026-11-22T05:03:00.000-05:00'],
    ['2026-11-22T10:03:00.000Z', 330, '2026-11-22T15:33:00.000+05:30'], // India
    ['2026-11-22T10:03:00.000Z', 345, '2026-11-22T15:48:00.000+05:45'], // Nepal
    ['2026-11-22T10:03:00.000Z', -570, '2026-11-22T00:33:00.000-09:30'], // Marquesas
    ['2026-11-22T10:03:00.000Z', -210, '2026-11-22T06:33:00.000-03:30'], // Newfoundland
    ['2026-12-31T20:00:00.123Z', 840, '2027-01-01T10:00:00.123+14:00'], // Kiribati, next day
    ['2026-01-01T03:00:00.000Z', -600, '2025-12-31T17:00:00.000-10:00'], // Hawaii, previous year
  ])('%s at UTC%+i min → %s', (iso, off, expected) => {
    const d = at(iso, off);
    const s = isoLocal(d);
    expect(s).toBe(expected);
    // Same instant as the input.
    expect(Date.parse(s)).toBe(d.getTime());
    expect(IsoDateTime.safeParse(s).success).toBe(true);
  });

  test('defaults to now, in the process time zone, parseable back to the same instant', () => {
    const before = Date.now();
    const s = isoLocal();
    const after = Date.now();
    expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(Date.parse(s)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(s)).toBeLessThanOrEqual(after);
  });
});
