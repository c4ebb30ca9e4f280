/**
 * A one-line, rate-limited log of failures (a full disk, a broken store): the first goes out at
 * once, then at most one line per `intervalMs`, saying how many were held back. Never throws.
 */
export const createFailureLog = (log: (line: string) => void, { intervalMs = 10_000, now = Date.now }: { intervalMs?: number; now?: () => number } = {}) => {
  let last = -Infinity;
  let held = 0;
  return (what: string, error: unknown): void => {
    const t = now();
    if (t - last < intervalMs) {
      held += 1;
      return;
    }
    last = t;
    const message = String((error as Error)?.message ?? error).replace(/\s+/g, ' ').slice(0, 300);
    const more = held ? ` (${held} more since the last line)` : '';
    held = 0;
    try {
      log(`touchpoint collector: ${what}: ${message}${more}`);
    } catch {
      // a failing logger must not turn into a crash
    }
  };
};
