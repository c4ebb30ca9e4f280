/**
 * ISO-8601 with the device's local offset (`2026-11-22T17:03:00.000+07:00`): the same instant as
 * `toISOString()`, but a kiosk's ratings can be read by hour of day in the store's own time.
 */
let lastMs = NaN;
let lastIso = '';

export const isoLocal = (at: Date | number = Date.now()): string => {
  // Bursts of calls land in the same millisecond: format once (a number skips even the Date).
  if (at !== lastMs) {
    const d = typeof at == 'number' ? new Date(at) : at;
    const off = -d.getTimezoneOffset();
    const a = Math.abs(off);
    const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
    lastIso = `${new Date(+d + off * 60_000).toISOString().slice(0, -1)}${off < 0 ? '-' : '+'}${pad(a / 60)}:${pad(a % 60)}`;
    lastMs = typeof at == 'number' ? at : NaN;
  }
  return lastIso;
};
