import type { EventStore } from '../store';
import { computeReport } from './computeReport';
import { parseReportFilter, toEventQuery, type Lang } from './reportFilter';
import { renderReport } from './renderReport';

/** Options of the journey report (`GET /report`, `GET /report.json`). */
export interface ReportOptions {
  /** Cart/checkout inactivity after which, with no order, it counts as abandoned. Default 30 min. */
  abandonmentWindowMs?: number;
  /** A kiosk without a heartbeat for this long is listed as silent. Default 15 min. */
  silentAfterMs?: number;
  /** Fewest ratings/sessions before a touchpoint can be flagged as a low point. Default 3. */
  minSample?: number;
  /** Days shown when no `from` is given. Default 30. */
  defaultDays?: number;
  /** Language when neither `?lang=` nor `Accept-Language` decide. Default `en`. */
  defaultLang?: Lang;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
}

const WEEK = 7 * 86_400_000;

/** Answer `GET /report` (HTML) or `GET /report.json` (the same numbers). */
export const handleReport = async (
  request: Request,
  format: 'html' | 'json',
  store: EventStore,
  { abandonmentWindowMs = 30 * 60_000, silentAfterMs = 15 * 60_000, minSample = 3, defaultDays = 30, defaultLang = 'en', now = Date.now }: ReportOptions = {},
): Promise<Response> => {
  const at = now();
  const filter = parseReportFilter(new URL(request.url), { now: at, defaultDays, defaultLang, acceptLanguage: request.headers.get('accept-language') });
  const [events, beats, stores] = await Promise.all([
    store.query(toEventQuery(filter)),
    // Liveness is about now, whatever the date range: the last week of heartbeats.
    store.query({ events: ['Kiosk Heartbeat'], fromLocal: at - WEEK - 14 * 3_600_000, ...(filter.store ? { storeId: filter.store } : {}) }),
    store.stores(),
  ]);
  const report = computeReport(events, beats, { filter, now: at, abandonmentWindowMs, silentAfterMs, minSample, stores });
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'json') return new Response(JSON.stringify(report), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
  return new Response(renderReport(report), {
    headers: {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      // The page has no script at all; inline styles only.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'",
    },
  });
};
