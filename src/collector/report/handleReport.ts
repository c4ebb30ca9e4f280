import type { EventStore } from '../store';
import { json } from '../problem';
import type { AckTokens } from './handleAck';
import type { AlertRunner, AlertRunnerOptions } from './alertRunner';
import { buildCxReport, paramsOf } from './buildCxReport';
import { comparisonRange } from './comparison';
import { computeReport } from './computeReport';
import { ratingsCsv, touchpointsCsv } from './handleExport';
import type { OpeningHours, OpenGrid } from './heatmap';
import { parseReportFilter, toEventQuery, type Lang } from './reportFilter';
import type { ReportParams } from './reportQueries';
import { REPORT_JSON_SCHEMA } from './reportSchema';
import type { ComputeOptions, Report } from './reportTypes';
import { renderReport } from './renderReport';
import type { TouchpointLabel } from './touchpointLabels';
import { assembleReport } from './assembleReport';

/** Options of the journey report (`GET /report`, `GET /report.json`). */
export interface ReportOptions {
  /** Cart/checkout inactivity after which, with no order, it counts as abandoned. Default 30 min. */
  abandonmentWindowMs?: number;
  /** A kiosk without a heartbeat for this long is listed as silent. Default 15 min. */
  silentAfterMs?: number;
  /** Fewest ratings/sessions before a touchpoint can be flagged as a low point. Default 3. */
  minSample?: number;
  /** Answers below which a figure is marked "directional". Default 30. */
  statsMinSample?: number;
  /** Days shown when no `from` is given. Default 30. */
  defaultDays?: number;
  /** Most touchpoint cards per stage; the rest are summed as "others". Default 12. */
  maxCards?: number;
  /** Language when neither `?lang=` nor `Accept-Language` decide. Default `en`. */
  defaultLang?: Lang;
  /** Shown names of touchpoint ids (`{ checkout: { en: 'Checkout', vi: 'Thanh toán' } }`), over the built-in ones. */
  touchpointLabels?: Record<string, TouchpointLabel>;
  /** Opening hours per store id (`'*'`: every other store), for the kiosk heat map. Default: none. */
  openingHours?: Record<string, OpeningHours>;
  /** The shop's own words that make no theme (its product: `['sách']`). Default none. */
  themeIgnoreWords?: string[];
  /** Alert rules and their webhook, or `false` to switch alerts off. Default: the default rules, no webhook. */
  alerts?: AlertRunnerOptions | false;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
}

/** What the collector prepared once at start-up for the report (see `prepareReport`). */
export interface ReportRuntime {
  label: (touchpoint: string, lang: Lang) => string;
  openingHours: Record<string, OpenGrid>;
  alerts?: AlertRunner | undefined;
  ackTokens?: AckTokens | undefined;
}

/** The report engine's parameters for a filter (see {@link ReportParams}). */
export const reportParams = (filter: ComputeOptions['filter'], now: number, abandonmentWindowMs: number): ReportParams => paramsOf(filter, now, abandonmentWindowMs);

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

/** The report's formats: the page, its JSON, its JSON Schema, and the two CSV exports. */
export type ReportFormat = 'html' | 'json' | 'schema' | 'ratings.csv' | 'touchpoints.csv';

const HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Answer `GET /report` (HTML), `/report.json`, `/report.schema.json`, `/report/ratings.csv`, `/report/touchpoints.csv`. */
export const handleReport = async (
  request: Request,
  format: ReportFormat,
  store: EventStore,
  options: ReportOptions = {},
  runtime?: ReportRuntime,
  token?: string,
): Promise<Response> => {
  const { abandonmentWindowMs = 30 * 60_000, silentAfterMs = 15 * 60_000, minSample = 3, statsMinSample, defaultDays = 30, defaultLang = 'en', maxCards = 12, themeIgnoreWords, now = Date.now } = options;
  if (format === 'schema') return json(200, REPORT_JSON_SCHEMA, { 'content-type': 'application/schema+json; charset=utf-8' });
  const at = now();
  const url = new URL(request.url);
  const filter = parseReportFilter(url, { now: at, defaultDays, defaultLang, acceptLanguage: request.headers.get('accept-language') });
  const label = runtime?.label ?? ((tp: string) => tp);
  if (format === 'ratings.csv') return await ratingsCsv(store, paramsOf(filter, at, abandonmentWindowMs), filter, (tp) => label(tp, filter.lang));
  const stores = await store.stores();
  const report = await buildCxReport(
    store,
    { filter, now: at, abandonmentWindowMs, silentAfterMs, minSample, stores, maxCards },
    {
      compare: comparisonRange(url, filter, at),
      label,
      openingHours: runtime?.openingHours ?? {},
      ...(statsMinSample === undefined ? {} : { statsMinSample }),
      ...(themeIgnoreWords ? { themeIgnoreWords } : {}),
      ...(runtime?.alerts ? { alerts: () => runtime.alerts!.alerts.open() } : {}),
    },
  );
  if (format === 'touchpoints.csv') return touchpointsCsv(report);
  if (format === 'json') return new Response(JSON.stringify(report), { headers: { ...HEADERS, 'content-type': 'application/json; charset=utf-8' } });
  // Links and forms of the page carry the report credential, so they work as the page did.
  return new Response(renderReport(report, { ...(token ? { keep: { token } } : {}), ...(runtime?.ackTokens ? { csrf: runtime.ackTokens.token } : {}) }), {
    headers: {
      ...HEADERS,
      'content-type': 'text/html; charset=utf-8',
      // The page has no script at all; inline styles only; forms post to this collector only.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
  });
};
