/**
 * Kiosk ratings as an hour × weekday heat map per store, read in the store's local time (the
 * kiosk's own clock offset, recorded with every event: kiosks sit in their store). Opening hours
 * are configurable per store so a closed hour reads "closed", not "no one came".
 */
import { emotionColour } from './charts';
import { escapeHtml as e } from './escapeHtml';

/** Days of the week, Monday first (the Vietnamese and ISO week). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours of a store: `'08:00-22:00'` every day, or per day (`{ mon: '08:00-12:00,13:30-21:00',
 * sun: null }`, `null` or a missing day = closed). Times are the store's local wall clock; a close
 * of `24:00` or one earlier than the open (`18:00-02:00`) runs to midnight.
 */
export type OpeningHours = string | Partial<Record<Weekday, string | null>>;

/** For each weekday (Monday first), the open minutes of each hour (0–60). */
export type OpenGrid = number[][];

/** One heat-map cell: ratings at a store on a weekday (0 = Monday) and local hour. */
export interface HeatCell {
  storeId: string;
  weekday: number;
  hour: number;
  count: number;
  /** Sum of emotion (0–100) of the ratings. */
  emotionSum: number;
}

const RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

/** Parse one day's ranges into open minutes per hour. Throws a TypeError naming `option`. */
const parseDay = (spec: string | null | undefined, option: string): number[] => {
  const minutes = new Array<number>(24).fill(0);
  if (spec === null || spec === undefined || spec.trim() === '' || spec.trim() === 'closed') return minutes;
  for (const part of spec.split(',')) {
    const m = RANGE.exec(part.trim());
    const [oh, om, ch, cm] = m ? m.slice(1).map(Number) : [];
    if (!m || oh! > 23 || om! > 59 || ch! > 24 || cm! > 59 || (ch === 24 && cm !== 0)) {
      throw new TypeError(`${option}: "${part.trim()}" is not a range like "08:00-22:00"`);
    }
    const open = oh! * 60 + om!;
    let close = ch! * 60 + cm!;
    if (close <= open) close = 24 * 60; // past midnight: counted to the end of the day
    for (let t = open; t < close; t++) minutes[Math.floor(t / 60)]! += 1;
  }
  return minutes.map((x) => Math.min(60, x));
};

/** Resolve a store's opening hours into an {@link OpenGrid}. Throws a TypeError naming `option` when malformed. */
export const parseOpeningHours = (hours: OpeningHours, option = 'openingHours'): OpenGrid => {
  if (typeof hours === 'string') return WEEKDAYS.map(() => parseDay(hours, option));
  if (!hours || typeof hours !== 'object') throw new TypeError(`${option} must be a string like "08:00-22:00" or an object of weekdays`);
  for (const k of Object.keys(hours)) if (!(WEEKDAYS as readonly string[]).includes(k)) throw new TypeError(`${option}.${k} is not a weekday (mon … sun)`);
  return WEEKDAYS.map((d) => parseDay(hours[d], `${option}.${d}`));
};

/** Weekday (0 = Monday) and hour of a wall-clock time given as epoch ms (see `StoredEvent.localTime`). */
export const weekdayHour = (localTime: number): { weekday: number; hour: number } => {
  const d = new Date(localTime);
  return { weekday: (d.getUTCDay() + 6) % 7, hour: d.getUTCHours() };
};

/** Cells from individual ratings (the in-memory path; SQL groups the same way). */
export const cellsFromRatings = (ratings: readonly { storeId: string | null; localTime: number; emotion: number }[]): HeatCell[] => {
  const cells = new Map<string, HeatCell>();
  for (const r of ratings) {
    const { weekday, hour } = weekdayHour(r.localTime);
    const storeId = r.storeId ?? '';
    const k = `${storeId}\u0000${weekday}\u0000${hour}`;
    const cell = cells.get(k) ?? { storeId, weekday, hour, count: 0, emotionSum: 0 };
    cell.count += 1;
    cell.emotionSum += r.emotion;
    cells.set(k, cell);
  }
  return [...cells.values()];
};

/** Words the heat map needs, in the report's language. */
export interface HeatmapWords {
  caption: (store: string) => string;
  weekdays: readonly string[];
  hour: string;
  closed: string;
  closedNote: string;
  noHours: string;
  ratingsAt: string;
  emotion: string;
}

/** Hours worth a column: every open hour and every hour with ratings (a store's hours outside both are empty). */
const shownHours = (cells: readonly HeatCell[], open: OpenGrid | undefined): number[] => {
  const hours = new Set(cells.map((c) => c.hour));
  open?.forEach((day) => day.forEach((m, h) => m > 0 && hours.add(h)));
  if (!hours.size) return [];
  return Array.from({ length: Math.max(...hours) - Math.min(...hours) + 1 }, (_, i) => Math.min(...hours) + i);
};

/**
 * One table per store: weekdays down, hours across, each cell the number of ratings with its
 * mean emotion as colour (and in words for screen readers). Closed hours are grey and say so;
 * ratings in a closed hour are still shown (the data wins over the configuration).
 */
export const renderHeatmap = (storeId: string, cells: readonly HeatCell[], open: OpenGrid | undefined, w: HeatmapWords): string => {
  const hours = shownHours(cells, open);
  if (!hours.length) return '';
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const rows = WEEKDAYS.map((_, day) => {
    const tds = hours.map((h) => {
      const c = at.get(`${day}:${h}`);
      const closed = open !== undefined && open[day]![h] === 0;
      if (!c) return closed ? `<td class="closed"><span aria-hidden="true">·</span><span class="sr">${e(w.closed)}</span></td>` : '<td>0</td>';
      const emotion = Math.round(c.emotionSum / c.count);
      const label = `${c.count} ${w.ratingsAt}, ${w.emotion} ${emotion}/100${closed ? `, ${w.closed}` : ''}`;
      return `<td class="heat${closed ? ' closed' : ''}" style="background:${emotionColour(emotion).replace('42%)', '88%)')}" title="${e(label)}">${c.count}<span class="sr">, ${e(w.emotion)} ${emotion}</span></td>`;
    });
    return `<tr><th scope="row">${e(w.weekdays[day]!)}</th>${tds.join('')}</tr>`;
  });
  // The title sits above the scrolling table so a phone shows it whole; the caption names the table for screen readers.
  return `<h3 aria-hidden="true">${e(w.caption(storeId))}</h3><div class="scroll" tabindex="0" role="region" aria-label="${e(w.caption(storeId))}"><table class="heatmap"><caption class="sr">${e(w.caption(storeId))}</caption><thead><tr><th scope="col">${e(w.hour)}</th>${hours
    .map((h) => `<th scope="col">${h}</th>`)
    .join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div><p class="muted">${e(open ? w.closedNote : w.noHours)}</p>`;
};
