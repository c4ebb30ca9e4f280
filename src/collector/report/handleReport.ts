import type { EventStore } from '../store';
import { assembleReport } from './assembleReport';
import { computeReport } from './computeReport';
import { parseReportFilter, toEventQuery, type Lang, type ReportFilter } from './reportFilter';
import type { ReportParams } from './reportQueries';
import type { ComputeOptions, Report } from './reportTypes';
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
  /** Most touchpoint cards per stage; the rest are summed as "others". Default 12. */
  maxCards?: number;
  /** Language when neither `?lang=` nor `Accept-Language` decide. Default `en`. */
  defaultLang?: Lang;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
}

const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

/** The report engine's parameters for a filter (see {@link ReportParams}). */
export const reportParams = (filter: ReportFilter, now: number, abandonmentWindowMs: number): ReportParams => {
  const q = toEventQuery(filter);
  return {
    from: q.fromLocal ?? 0,
    // "Up to now": local clocks run up to 14 h ahead of UTC.
    to: q.toLocal ?? now + DAY,
    channel: filter.channel,
    store: filter.store,
    cutoff: now - abandonmentWindowMs,
    // Liveness is about now, whatever the date range: the last week of heartbeats.
    beatsFrom: now - WEEK - 14 * 3_600_000,
  };
};

/**
 * Build the report of a filter: with the store's SQL engine when it has one (`aggregate`), else
 * in memory from the events of the range.
 */
export const buildReport = async (store: EventStore, o: ComputeOptions): Promise<Report> => {
  const params = reportParams(o.filter, o.now, o.abandonmentWindowMs);
  if (store.aggregate) return assembleReport(await store.aggregate(params), o);
  const [events, beats] = await Promise.all([
    store.query(toEventQuery(o.filter)),
    store.query({ events: ['Kiosk Heartbeat'], fromLocal: params.beatsFrom, ...(o.filter.store ? { storeId: o.filter.store } : {}) }),
  ]);
  return computeReport(events, beats, o);
};

/** Answer `GET /report` (HTML) or `GET /report.json` (the same numbers). */
export const handleReport = async (
  request: Request,
  format: 'html' | 'json',
  store: EventStore,
  { abandonmentWindowMs = 30 * 60_000, silentAfterMs = 15 * 60_000, minSample = 3, defaultDays = 30, defaultLang = 'en', maxCards = 12, now = Date.now }: ReportOptions = {},
): Promise<Response> => {
  const at = now();
  const filter = parseReportFilter(new URL(request.url), { now: at, defaultDays, defaultLang, acceptLanguage: request.headers.get('accept-language') });
  const stores = await store.stores();
  const report = await buildReport(store, { filter, now: at, abandonmentWindowMs, silentAfterMs, minSample, stores, maxCards });
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
