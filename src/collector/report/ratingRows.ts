/**
 * The report's further reads over ratings — one row per submission, the same winner as the
 * report engine's `wins` table — in SQL on the store's `ReportSource`, or in memory from
 * `query()` for a store without SQL. Used by the heat map (aggregated in SQL), the themes (the
 * newest answers with text, capped), the alerts (the last hours) and the CSV export (the
 * ratings of the range, read in one query and written out in chunks).
 */
import type { EventStore, StoredEvent } from '../store';
import { emotionOf } from './ratings';
import type { HeatCell } from './heatmap';
import { reportQueries, type ReportParams } from './reportQueries';
import type { ReportSource, SqlRow } from './sqlAggregates';

/** One rating (the winning record of its submission). */
export interface RatingRow {
  id: string;
  stage: string | null;
  touchpoint: string | null;
  channel: string | null;
  storeId: string | null;
  deviceId: string | null;
  timestamp: number;
  localTime: number;
  surveyType: string;
  min: number;
  max: number;
  score: number;
  comment: string | null;
  reasons: string[];
}

/** Which ratings to read. */
export interface RatingRowQuery {
  /** Only ratings with a comment or reasons. */
  withText?: boolean;
  /** Newest first (else oldest first). */
  newestFirst?: boolean;
  /** At most this many. */
  limit?: number;
}

const COLUMNS = `w.message_id AS id, w.journey_stage AS stage, w.touchpoint AS touchpoint, w.channel AS channel, w.store_id AS store_id,
  w.device_id AS device_id, w.timestamp AS timestamp, w.local_time AS local_time, w.survey_type AS survey_type,
  w.scale_min AS scale_min, w.scale_max AS scale_max, w.score AS score, w.comment AS comment, w.reasons AS reasons`;

const winners = (source: ReportSource, params: ReportParams) => {
  const d = source.dialect;
  const wins = reportQueries(d, { channel: params.channel !== null, store: params.store !== null }).tables.find((t) => t.name === 'wins')!.sql;
  return `(${wins}) k ${d.join} events w ON w.message_id = k.win`;
};

/** The SQL of {@link RatingRowQuery}. */
export const ratingRowsSql = (source: ReportSource, params: ReportParams, q: RatingRowQuery = {}): string =>
  `SELECT ${COLUMNS} FROM ${winners(source, params)} WHERE w.score IS NOT NULL${q.withText ? ' AND (w.comment IS NOT NULL OR w.reasons IS NOT NULL)' : ''}
ORDER BY w.timestamp${q.newestFirst ? ' DESC' : ''}, w.message_id${q.limit ? ` LIMIT ${Math.floor(q.limit)}` : ''}`;

// Monday = 0: epoch day 0 (1970-01-01) was a Thursday. Integer arithmetic, so every engine agrees.
const WEEKDAY = '(CAST(w.local_time / 86400000 AS INTEGER) + 3) % 7';

/** The heat map's SQL: kiosk ratings by store, local weekday and hour, scale and score. */
export const heatSql = (source: ReportSource, params: ReportParams): string =>
  `SELECT w.store_id AS store_id, ${WEEKDAY} AS weekday, w.local_hour AS hour, w.scale_min AS scale_min, w.scale_max AS scale_max, w.score AS score, COUNT(*) AS n
FROM ${winners(source, params)} WHERE w.score IS NOT NULL AND w.channel = 'kiosk'
GROUP BY w.store_id, ${WEEKDAY}, w.local_hour, w.scale_min, w.scale_max, w.score`;

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const reasonList = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string') return [];
  try {
    const parsed = JSON.parse(v) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

const fromSql = (r: SqlRow): RatingRow => ({
  id: String(r.id),
  stage: str(r.stage),
  touchpoint: str(r.touchpoint),
  channel: str(r.channel),
  storeId: str(r.store_id),
  deviceId: str(r.device_id),
  timestamp: num(r.timestamp),
  localTime: num(r.local_time),
  surveyType: str(r.survey_type) ?? 'rating',
  min: num(r.scale_min),
  max: num(r.scale_max),
  score: num(r.score),
  comment: str(r.comment),
  reasons: reasonList(r.reasons),
});

/** Winners of each submission in memory: completed first, then the latest, then the greatest message id. */
const memoryRows = (events: readonly StoredEvent[]): RatingRow[] => {
  const best = new Map<string, StoredEvent>();
  const rank = (e: StoredEvent) => [e.completed ? 1 : 0, e.timestamp, e.messageId] as const;
  for (const e of events) {
    if (e.bot || e.event !== 'Feedback Submitted') continue;
    const k = e.submissionKey ?? e.messageId;
    const prev = best.get(k);
    const [a, b] = [rank(e), prev ? rank(prev) : null];
    if (!b || a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best.set(k, e);
  }
  return [...best.values()]
    .filter((e) => e.score !== null && e.scaleMin !== null && e.scaleMax !== null)
    .map((e) => ({
      id: e.messageId,
      stage: e.journeyStage,
      touchpoint: e.touchpoint,
      channel: e.channel,
      storeId: e.storeId,
      deviceId: e.deviceId,
      timestamp: e.timestamp,
      localTime: e.localTime,
      surveyType: e.surveyType ?? 'rating',
      min: e.scaleMin!,
      max: e.scaleMax!,
      score: e.score!,
      comment: e.comment,
      reasons: reasonList(e.reasons),
    }));
};

const memoryQuery = (params: ReportParams) => ({
  fromLocal: params.from,
  toLocal: params.to,
  events: ['Feedback Submitted'],
  ...(params.channel ? { channel: params.channel } : {}),
  ...(params.store ? { storeId: params.store } : {}),
});

/** Ratings of the range, as asked. */
export const loadRatingRows = async (store: EventStore, params: ReportParams, q: RatingRowQuery = {}): Promise<RatingRow[]> => {
  if (store.reportRead) {
    return store.reportRead(async (source) => {
      const out: RatingRow[] = [];
      for await (const r of await source.rows(ratingRowsSql(source, params, q), params)) out.push(fromSql(r));
      return out;
    });
  }
  let rows = memoryRows(await store.query(memoryQuery(params))).filter((r) => !q.withText || r.comment !== null || r.reasons.length > 0);
  // As the SQL orders them: by time (newest first when asked), then by message id.
  rows.sort((a, b) => (q.newestFirst ? b.timestamp - a.timestamp : a.timestamp - b.timestamp) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (q.limit) rows = rows.slice(0, q.limit);
  return rows;
};

/** Heat-map cells of the range: grouped in SQL, or in memory. */
export const loadHeatCells = async (store: EventStore, params: ReportParams): Promise<HeatCell[]> => {
  const cells = new Map<string, HeatCell>();
  const add = (storeId: string, weekday: number, hour: number, count: number, emotionSum: number) => {
    const k = `${storeId}\u0000${weekday}\u0000${hour}`;
    const c = cells.get(k) ?? { storeId, weekday, hour, count: 0, emotionSum: 0 };
    c.count += count;
    c.emotionSum += emotionSum;
    cells.set(k, c);
  };
  if (store.reportRead) {
    await store.reportRead(async (source) => {
      for await (const r of await source.rows(heatSql(source, params), params)) {
        const n = num(r.n);
        add(str(r.store_id) ?? '', num(r.weekday), num(r.hour), n, n * emotionOf({ score: num(r.score), min: num(r.scale_min), max: num(r.scale_max) }));
      }
    });
  } else {
    for (const r of memoryRows(await store.query(memoryQuery(params)))) {
      if (r.channel !== 'kiosk') continue;
      const d = new Date(r.localTime);
      add(r.storeId ?? '', (d.getUTCDay() + 6) % 7, d.getUTCHours(), 1, emotionOf(r));
    }
  }
  return [...cells.values()];
};
