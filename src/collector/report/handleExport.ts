/**
 * `GET /report/ratings.csv` (every rating of the filter with its comment and reasons, streamed
 * from the store) and `GET /report/touchpoints.csv` (the journey map's table).
 */
import { reasonLabel } from '../../schema/reasons';
import type { EventStore } from '../store';
import type { CxReport } from './buildCxReport';
import { csvCell, toCsv } from './export';
import { emotionOf } from './ratings';
import { loadRatingRows } from './ratingRows';
import type { ReportFilter } from './reportFilter';
import type { ReportParams } from './reportQueries';

const HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-type': 'text/csv; charset=utf-8' };
const attachment = (name: string) => ({ 'content-disposition': `attachment; filename="${name}"` });

const RATING_COLUMNS = ['time_utc', 'local_time', 'store_id', 'device_id', 'channel', 'journey_stage', 'touchpoint', 'touchpoint_label', 'survey_type', 'score', 'scale_min', 'scale_max', 'emotion', 'reasons', 'comment'];

/** Every rating of the filter as CSV (one row per rating, read in one query), written in chunks of 500. */
export const ratingsCsv = async (store: EventStore, params: ReportParams, filter: ReportFilter, label: (tp: string) => string): Promise<Response> => {
  const encoder = new TextEncoder();
  const rows = (await loadRatingRows(store, params)).values();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv(RATING_COLUMNS, [])));
    },
    pull(controller) {
      const batch: string[] = [];
      for (let i = 0; i < 500; i++) {
        const next = rows.next();
        if (next.done) break;
        const r = next.value;
        batch.push(
          [
            new Date(r.timestamp).toISOString(),
            new Date(r.localTime).toISOString().slice(0, 19).replace('T', ' '),
            r.storeId,
            r.deviceId,
            r.channel,
            r.stage,
            r.touchpoint,
            r.touchpoint ? label(r.touchpoint) : null,
            r.surveyType,
            r.score,
            r.min,
            r.max,
            Math.round(emotionOf(r) * 10) / 10,
            r.reasons.map((x) => reasonLabel(x, filter.lang)).join('; '),
            r.comment,
          ]
            .map(csvCell)
            .join(',') + '\r\n',
        );
      }
      if (batch.length) controller.enqueue(encoder.encode(batch.join('')));
      if (batch.length < 500) controller.close();
    },
  });
  return new Response(body, { headers: { ...HEADERS, ...attachment(`ratings-${filter.from}${filter.to ? `-${filter.to}` : ''}.csv`) } });
};

/** The journey map's touchpoint table as CSV: one row per card, with intervals. */
export const touchpointsCsv = (r: CxReport): Response => {
  const header = ['journey_stage', 'touchpoint', 'touchpoint_label', 'channels', 'visits', 'continued', 'continuation', 'continuation_low', 'continuation_high', 'exits', 'abandoned', 'ratings', 'emotion', 'emotion_low', 'emotion_high', 'csat', 'csat_low', 'csat_high', 'nps', 'ces', 'directional', 'low_point'];
  const rows = r.stages.flatMap((s) =>
    s.touchpoints.map((c) => {
      const p = r.places.find((x) => x.stage === c.stage && x.touchpoint === c.touchpoint);
      const r3 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1000) / 1000);
      const r1 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
      return [
        c.stage, c.touchpoint, r.labels[c.touchpoint] ?? c.touchpoint, c.channels.join(' '), c.sessions, c.continued,
        r3(p?.continuation?.value), r3(p?.continuation?.low), r3(p?.continuation?.high), c.exits, c.abandoned,
        c.ratings?.count ?? 0, r1(p?.emotion?.value), r1(p?.emotion?.low), r1(p?.emotion?.high),
        r3(p?.csat?.value), r3(p?.csat?.low), r3(p?.csat?.high), p?.nps ? Math.round(p.nps.value) : null, r1(p?.ces?.value),
        p?.emotion ? p.emotion.directional : null, c.downs.join(' '),
      ];
    }),
  );
  return new Response(toCsv(header, rows), { headers: { ...HEADERS, ...attachment(`touchpoints-${r.filter.from}${r.filter.to ? `-${r.filter.to}` : ''}.csv`) } });
};
