/**
 * The CX lead's report on top of the report engine: the engine's aggregates (SQL where the store
 * has it) assembled into the {@link Report}, plus intervals per touchpoint, low points beyond
 * noise, the comparison with an earlier period, themes of comments and reasons, the kiosk heat
 * map and the open alerts. Every addition reads aggregates or SQL over the store; nothing loads
 * the range's events when the store has SQL.
 */
import type { EventStore } from '../store';
import type { ReportAggregates } from './aggregates';
import type { Alert } from './alerts';
import { assembleReport } from './assembleReport';
import { compareReports, type Comparison } from './comparison';
import type { HeatCell, OpenGrid } from './heatmap';
import { memoryAggregates } from './memoryAggregates';
import { findLowPoints, placeStats, type PlaceStats } from './placeStats';
import { emotionOf } from './ratings';
import { loadHeatCells, loadRatingRows } from './ratingRows';
import { toEventQuery, type Lang, type ReportFilter } from './reportFilter';
import type { ReportParams } from './reportQueries';
import type { ComputeOptions, Report } from './reportTypes';
import { findThemes, type Theme } from './themes';
import { reasonLabel } from '../../schema/reasons';
import { MIN_SAMPLE } from './stats';

/** Version of the `/report.json` shape; raised on every change that is not an addition. */
export const REPORT_VERSION = 2;

/** Everything `/report.json` serves (the engine's report and the CX additions). */
export interface CxReport extends Report {
  version: typeof REPORT_VERSION;
  /** Answers below which a figure is marked directional. */
  minSample: number;
  /** Shown name of every touchpoint in the report, in its language. */
  labels: Record<string, string>;
  /** Intervals per touchpoint card. */
  places: PlaceStats[];
  /** Themes of comments and reasons (the newest {@link THEME_ANSWERS} answers with text). */
  themes: Theme[];
  /** Kiosk ratings by local weekday (0 = Monday) and hour, per store, with its opening hours. */
  heatmap: { storeId: string; cells: HeatCell[]; openingHours: OpenGrid | null }[];
  /** The earlier period and the deltas; null with `?compare=none`. */
  comparison: Comparison | null;
  /** Alerts not acknowledged yet. */
  alerts: Alert[];
}

/** Answers with text read for the themes, newest first. */
export const THEME_ANSWERS = 5000;

/** What the CX additions need besides the engine's options. */
export interface CxOptions {
  /** Earlier range to compare with, or null. */
  compare: { from: string; to: string } | null;
  /** Directional below this many answers. Default {@link MIN_SAMPLE}. */
  statsMinSample?: number;
  /** Opening hours per store id (`*` for every store without its own). */
  openingHours?: Readonly<Record<string, OpenGrid>>;
  label: (touchpoint: string, lang: Lang) => string;
  themeIgnoreWords?: readonly string[];
  alerts?: () => Alert[];
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The engine's parameters of a filter: `from`/`to` bound local time; "up to now" allows clocks 14 h ahead. */
export const paramsOf = (filter: ReportFilter, now: number, abandonmentWindowMs: number): ReportParams => {
  const q = toEventQuery(filter);
  return {
    from: q.fromLocal ?? 0,
    to: q.toLocal ?? now + DAY,
    channel: filter.channel,
    store: filter.store,
    cutoff: now - abandonmentWindowMs,
    beatsFrom: now - WEEK - 14 * 3_600_000,
  };
};

/** The engine's aggregates: SQL where the store has it, else in memory from the range's events. */
export const aggregatesOf = async (store: EventStore, filter: ReportFilter, o: Pick<ComputeOptions, 'now' | 'abandonmentWindowMs'>): Promise<ReportAggregates> => {
  const params = paramsOf(filter, o.now, o.abandonmentWindowMs);
  if (store.aggregate) return store.aggregate(params);
  const [events, beats] = await Promise.all([
    store.query(toEventQuery(filter)),
    store.query({ events: ['Kiosk Heartbeat'], fromLocal: params.beatsFrom, ...(filter.store ? { storeId: filter.store } : {}) }),
  ]);
  return memoryAggregates(events, beats, { now: o.now, abandonmentWindowMs: o.abandonmentWindowMs });
};

/** Build the whole report of a filter. */
export const buildCxReport = async (store: EventStore, o: ComputeOptions, cx: CxOptions): Promise<CxReport> => {
  const minSample = cx.statsMinSample ?? MIN_SAMPLE;
  const lang = o.filter.lang;
  const params = paramsOf(o.filter, o.now, o.abandonmentWindowMs);
  const period = async (filter: ReportFilter) => {
    const aggregates = await aggregatesOf(store, filter, o);
    const report = assembleReport(aggregates, { ...o, filter });
    const cards = report.stages.flatMap((s) => s.touchpoints);
    report.downs = findLowPoints(aggregates, cards, o.minSample);
    return { aggregates, report, places: placeStats(aggregates, cards, minSample) };
  };
  // One after the other: a SQLite connection runs one statement's rows at a time.
  const now = await period(o.filter);
  const before = cx.compare ? await period({ ...o.filter, ...cx.compare }) : null;
  const answers = await loadRatingRows(store, params, { withText: true, newestFirst: true, limit: THEME_ANSWERS });
  const cells = await loadHeatCells(store, params);
  const themes = findThemes(
    answers.map((a) => ({ comment: a.comment ?? undefined, reasons: a.reasons, emotion: emotionOf(a) })),
    { lang, limit: 20, reasonLabel: (r) => reasonLabel(r, lang), ...(cx.themeIgnoreWords ? { ignoreWords: cx.themeIgnoreWords } : {}) },
  );
  const stores = [...new Set(cells.map((c) => c.storeId))].sort();
  const labels: Record<string, string> = {};
  for (const c of now.report.stages.flatMap((s) => s.touchpoints)) labels[c.touchpoint] = cx.label(c.touchpoint, lang);
  for (const v of now.report.vitals) labels[v.touchpoint] = cx.label(v.touchpoint, lang);
  return {
    version: REPORT_VERSION,
    ...now.report,
    minSample,
    labels,
    places: now.places,
    themes,
    heatmap: stores.map((storeId) => ({
      storeId,
      cells: cells.filter((c) => c.storeId === storeId).sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
      openingHours: cx.openingHours?.[storeId] ?? cx.openingHours?.['*'] ?? null,
    })),
    comparison: before && cx.compare ? compareReports(cx.compare, now, before) : null,
    alerts: cx.alerts?.() ?? [],
  };
};
