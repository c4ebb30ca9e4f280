/** Opening hours: the format, days, past-midnight ranges and the store's wall clock. */
import { describe, expect, it } from 'vitest';
import { isOpen, parseOpeningHours, storeClock, storeTime } from '../../src/kiosk/openingHours';

const at = (h: number, m = 0) => h * 60 + m;
const [SUN, MON, FRI, SAT] = [0, 1, 5, 6];

describe('opening hours', () => {
  it('every day, one range', () => {
    const h = parseOpeningHours('08:00-22:00');
    expect(isOpen(h, MON, at(7, 59))).toBe(false);
    expect(isOpen(h, MON, at(8))).toBe(true);
    expect(isOpen(h, SUN, at(21, 59))).toBe(true);
    expect(isOpen(h, SUN, at(22))).toBe(false);
  });
  it('day lists and ranges (wrapping round the week), several entries', () => {
    const h = parseOpeningHours('Mo-Fr 08:00-21:00; sa,su 09:00-23:00');
    expect(isOpen(h, FRI, at(20, 30))).toBe(true);
    expect(isOpen(h, FRI, at(22))).toBe(false);
    expect(isOpen(h, SAT, at(8, 30))).toBe(false);
    expect(isOpen(h, SAT, at(22, 30))).toBe(true);
    const weekend = parseOpeningHours('sa-mo 10:00-12:00');
    expect([SUN, MON, SAT, FRI].map((d) => isOpen(weekend, d, at(11)))).toEqual([true, true, true, false]);
  });
  it('a range past midnight belongs to the day it starts on', () => {
    const h = parseOpeningHours('fr 18:00-02:00');
    expect(isOpen(h, FRI, at(23))).toBe(true);
    expect(isOpen(h, SAT, at(1, 30))).toBe(true);
    expect(isOpen(h, SAT, at(2))).toBe(false);
    expect(isOpen(h, FRI, at(1))).toBe(false); // Thursday night is closed
    expect(isOpen(parseOpeningHours('00:00-24:00'), SUN, at(23, 59))).toBe(true);
  });
  it('bad entries throw naming the entry', () => {
    expect(() => parseOpeningHours('8-22')).toThrow(/"8-22"/);
    expect(() => parseOpeningHours('08:00-25:00')).toThrow(/25:00/);
    expect(() => parseOpeningHours('08:70-22:00')).toThrow(/08:70/);
    expect(() => parseOpeningHours('xx 08:00-22:00')).toThrow(/day list "xx"/);
  });
  it("the store's wall clock in its time zone, whatever the device's", () => {
    const t = new Date('2026-11-23T15:30:05Z'); // a Monday
    expect(storeClock('Asia/Ho_Chi_Minh', t)).toEqual({ local: '2026-11-23T22:30:05', day: MON, minute: at(22, 30) });
    expect(storeClock('America/New_York', t)).toEqual({ local: '2026-11-23T10:30:05', day: MON, minute: at(10, 30) });
    expect(storeClock('Asia/Tokyo', t).day).toBe(2); // already Tuesday
    expect(storeTime(parseOpeningHours('08:00-22:00'), 'Asia/Ho_Chi_Minh', t)).toEqual({
      local_time: '2026-11-23T22:30:05',
      time_zone: 'Asia/Ho_Chi_Minh',
      outside_hours: true,
    });
    expect(storeTime(undefined, 'Asia/Ho_Chi_Minh', t)).toEqual({ local_time: '2026-11-23T22:30:05', time_zone: 'Asia/Ho_Chi_Minh' });
  });
});
