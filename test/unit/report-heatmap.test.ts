import { expect, test } from 'vitest';
import { cellsFromRatings, parseOpeningHours, renderHeatmap, weekdayHour, type HeatmapWords } from '../../src/collector/report/heatmap';

const words: HeatmapWords = {
  caption: (s) => `Kiosk ratings at ${s}`,
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  hour: 'Hour',
  closed: 'closed',
  closedNote: 'Grey: closed.',
  noHours: 'No opening hours configured.',
  ratingsAt: 'ratings',
  emotion: 'emotion',
};

test('opening hours: every day, per day, split days, past midnight', () => {
  const daily = parseOpeningHours('08:30-21:00');
  expect(daily).toHaveLength(7);
  expect(daily[0]!.slice(7, 10)).toEqual([0, 30, 60]);
  expect(daily[0]![20]).toBe(60);
  expect(daily[0]![21]).toBe(0);
  const week = parseOpeningHours({ mon: '08:00-12:00,13:30-17:00', sat: '18:00-02:00', sun: null });
  expect(week[0]![12]).toBe(0);
  expect(week[0]![13]).toBe(30);
  expect(week[1]!.every((m) => m === 0)).toBe(true); // missing day = closed
  expect(week[5]![23]).toBe(60);
  expect(week[6]!.every((m) => m === 0)).toBe(true);
});

test('malformed opening hours fail naming the option', () => {
  expect(() => parseOpeningHours('8 to 10', 'report.openingHours.hcm-q1')).toThrow(/report\.openingHours\.hcm-q1: "8 to 10"/);
  expect(() => parseOpeningHours({ monday: '08:00-10:00' } as never)).toThrow(/openingHours\.monday is not a weekday/);
  expect(() => parseOpeningHours({ mon: '25:00-26:00' })).toThrow(/openingHours\.mon/);
});

test('weekday and hour of a local wall-clock time, Monday first', () => {
  // 2026-12-07 is a Monday; 21:15 at the store.
  expect(weekdayHour(Date.parse('2026-12-07T21:15:00Z'))).toEqual({ weekday: 0, hour: 21 });
  expect(weekdayHour(Date.parse('2026-12-06T08:00:00Z'))).toEqual({ weekday: 6, hour: 8 });
});

test('closed hours say closed, open hours without ratings say 0, ratings are counted per store', () => {
  const monday = (h: number) => Date.parse(`2026-12-07T${String(h).padStart(2, '0')}:10:00Z`);
  const cells = cellsFromRatings([
    { storeId: 'hcm-q1', localTime: monday(9), emotion: 100 },
    { storeId: 'hcm-q1', localTime: monday(9), emotion: 50 },
    { storeId: 'hcm-q1', localTime: monday(23), emotion: 0 },
    { storeId: 'hn', localTime: monday(9), emotion: 0 },
  ]);
  const q1 = cells.filter((c) => c.storeId === 'hcm-q1');
  expect(q1.find((c) => c.hour === 9)).toMatchObject({ weekday: 0, count: 2, emotionSum: 150 });
  const html = renderHeatmap('hcm-q1', q1, parseOpeningHours({ mon: '08:00-22:00', tue: '08:00-22:00', wed: '08:00-22:00', thu: '08:00-22:00', fri: '08:00-22:00', sat: '08:00-22:00' }), words);
  const monRow = html.slice(html.indexOf('<th scope="row">Mon</th>'), html.indexOf('</tr>', html.indexOf('<th scope="row">Mon</th>')));
  // Hours 8–23 shown (open hours plus the 23:00 rating); 08:00 open and empty; 09:00 two ratings.
  expect(html.match(/<th scope="col">\d+<\/th>/g)).toHaveLength(16);
  expect(monRow).toMatch(/^<th scope="row">Mon<\/th><td>0<\/td><td class="heat"[^>]*title="2 ratings, emotion 75\/100">2/);
  // A rating in a closed hour is shown, marked closed.
  expect(monRow).toMatch(/<td class="heat closed"[^>]*title="1 ratings, emotion 0\/100, closed">1/);
  const sunRow = html.slice(html.indexOf('<th scope="row">Sun</th>'));
  expect(sunRow.slice(0, sunRow.indexOf('</tr>')).match(/class="closed"/g)).toHaveLength(16);
  expect(html).toContain('Grey: closed.');
  // Without configured hours nothing is closed.
  const plain = renderHeatmap('hcm-q1', q1, undefined, words);
  expect(plain).not.toContain('class="closed"');
  expect(plain).toContain('No opening hours configured.');
});
