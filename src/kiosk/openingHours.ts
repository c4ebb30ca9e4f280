/**
 * Opening hours of the store and its wall clock. A terminal's ratings are read per opening hours:
 * ratings given while the store is closed (a cleaner, a test press, a night shift) are kept, but
 * marked `outside_hours: true`, and every rating and heartbeat carries the store's local time.
 *
 * Format (`openingHours`, `data-opening-hours`): entries separated by `;`, each an optional list
 * of days and a time range, e.g. `08:00-22:00` (every day) or `mo-fr 08:00-21:00; sa,su 09:00-23:00`.
 * Days: mo tu we th fr sa su, ranges with `-`, lists with `,`. A range that ends before it starts
 * runs past midnight (`18:00-02:00`); `24:00` is the end of the day.
 */

const DAYS = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];
const ENTRY = /^(?:([a-z,-]+)\s+)?(\d\d):(\d\d)-(\d\d):(\d\d)$/;

/** One opening: the days it starts on (index 0 = Sunday) and minutes since midnight. */
export interface Opening {
  days: boolean[];
  open: number;
  close: number;
}

/** The days of a list like `mo-fr,su`; throws for an unknown day. */
const parseDays = (list: string | undefined): boolean[] => {
  const days = DAYS.map(() => !list);
  for (const part of list ? list.split(',') : []) {
    const [from, to = from] = part.split('-').map((d) => DAYS.indexOf(d));
    if (from! < 0 || to! < 0) throw `day list "${list}" (use mo tu we th fr sa su)`;
    for (let d = from!; ; d = (d + 1) % 7) {
      days[d] = true;
      if (d == to) break;
    }
  }
  return days;
};

/** Parse opening hours; throws a text naming the bad entry. */
export const parseOpeningHours = (text: string): Opening[] =>
  text
    .toLowerCase()
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = ENTRY.exec(entry);
      const [open, close] = m ? [+m[2]! * 60 + +m[3]!, +m[4]! * 60 + +m[5]!] : [-1, -1];
      if (!m || open > 1440 || close > 1440 || +m[3]! > 59 || +m[5]! > 59) throw `"${entry}" (write e.g. "mo-fr 08:00-21:00")`;
      return { days: parseDays(m[1]), open, close };
    });

/** Whether the store is open on weekday `day` (0 = Sunday) at `minute` after midnight. */
export const isOpen = (hours: Opening[], day: number, minute: number): boolean =>
  hours.some(({ days, open, close }) =>
    close > open
      ? days[day] && minute >= open && minute < close
      : // Past midnight: the evening part today, the early-morning part from yesterday's opening.
        (days[day] && minute >= open) || (days[(day + 6) % 7]! && minute < close),
  );

/** The store's wall clock: local time (`YYYY-MM-DDTHH:MM:SS`), weekday (0 = Sunday) and minute of the day. */
export const storeClock = (timeZone: string | undefined, at = new Date()) => {
  // Swedish dates are ISO-shaped ("2026-11-23 21:30:05") in every browser's Intl data.
  const local = at.toLocaleString('sv-SE', { timeZone }).replace(' ', 'T');
  const weekday = at.toLocaleString('en-US', { timeZone, weekday: 'short' });
  return { local, day: DAYS.indexOf(weekday.slice(0, 2).toLowerCase()), minute: +local.slice(11, 13) * 60 + +local.slice(14, 16) };
};

/**
 * What a kiosk record says about the store's time: `local_time` and `time_zone` always,
 * `outside_hours` when opening hours are configured.
 */
export const storeTime = (hours: Opening[] | undefined, timeZone: string, at = new Date()) => {
  const c = storeClock(timeZone, at);
  return { local_time: c.local, time_zone: timeZone, ...(hours ? { outside_hours: !isOpen(hours, c.day, c.minute) } : {}) };
};
