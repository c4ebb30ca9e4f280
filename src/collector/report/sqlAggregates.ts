import { SEP, TOP, type ReportAggregates } from './aggregates';
import type { SqlDialect } from './sqlDialect';
import { reportQueries, type ReportParams, type ReportQueryName, type ReportTable } from './reportQueries';

/** One result row, by column alias. */
export type SqlRow = Record<string, unknown>;

/**
 * What an engine provides to run the report's SQL: its dialect and a way to run a read-only query
 * with named `@param` parameters. Rows may be streamed; the report reads them once, in order.
 */
export interface ReportSource {
  dialect: SqlDialect;
  rows(sql: string, params: ReportParams): Iterable<SqlRow> | AsyncIterable<SqlRow> | Promise<Iterable<SqlRow>>;
  /**
   * Optional: build an intermediate table once (e.g. `CREATE TEMP TABLE`) and return the name to
   * use in later queries; without it, intermediate tables are inlined as subqueries.
   */
  materialize?(table: ReportTable, params: ReportParams): string | Promise<string>;
  /** Optional: drop what {@link materialize} built. */
  release?(): void | Promise<void>;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const split = (k: string) => {
  const i = k.indexOf(SEP);
  return { stage: k.slice(0, i), touchpoint: k.slice(i + 1) };
};

/** Keep the {@link TOP} entries per place (count desc, then label asc) while rows stream by. */
const topPerPlace = <T extends { stage: string; touchpoint: string; count: number }>(label: (x: T) => string) => {
  const byPlace = new Map<string, T[]>();
  return {
    add(x: T) {
      const k = `${x.stage}${SEP}${x.touchpoint}`;
      const list = byPlace.get(k) ?? [];
      byPlace.set(k, list);
      list.push(x);
      list.sort((a, b) => b.count - a.count || (label(a) < label(b) ? -1 : 1));
      if (list.length > TOP) list.pop();
    },
    all: () => [...byPlace.values()].flat(),
  };
};

/**
 * Run the report's SQL on an engine and collect the aggregates. Memory is bounded by the number
 * of touchpoints (and comments kept per touchpoint), not by the number of events: every query
 * aggregates in the database, and the one that streams values (vitals p75) keeps one group.
 */
export const sqlAggregates = async (source: ReportSource, params: ReportParams): Promise<ReportAggregates> => {
  const { tables, queries } = reportQueries(source.dialect, { channel: params.channel !== null, store: params.store !== null });
  const names = new Map<string, string>();
  const ref = (name: ReportTable['name']) => names.get(name)!;
  try {
    for (const t of tables) {
      // Later tables may refer to earlier ones.
      const sql = t.sql.replace(/\{(\w+)\}/g, (_, n: string) => names.get(n) ?? `{${n}}`);
      names.set(t.name, source.materialize ? await source.materialize({ ...t, sql }, params) : `(${sql})`);
    }
    const q = queries(ref);
    const each = async (name: ReportQueryName, fn: (row: SqlRow) => void) => {
      for await (const row of await source.rows(q[name], params)) fn(row);
    };
    const all = async (name: ReportQueryName) => {
      const out: SqlRow[] = [];
      await each(name, (r) => out.push(r));
      return out;
    };
    const [totals] = await all('totals');
    const [funnel] = await all('funnel');
    const comments = topPerPlace<ReportAggregates['comments'][number]>((x) => x.text);
    await each('comments', (r) => comments.add({ stage: String(r.stage), touchpoint: String(r.touchpoint), text: String(r.text), count: num(r.n) }));
    const reasons = topPerPlace<ReportAggregates['reasons'][number]>((x) => x.reason);
    await each('reasons', (r) => reasons.add({ stage: String(r.stage), touchpoint: String(r.touchpoint), reason: String(r.reason), count: num(r.n) }));
    const vitals = (await all('vitals')).map((r) => ({ touchpoint: String(r.touchpoint), metric: String(r.metric), count: num(r.n), good: num(r.good), p75: 0 }));
    await readP75(vitals, (fn) => each('vitalValues', fn));
    const orders = await all('orders');
    return {
      events: num(totals?.events),
      botEvents: num(totals?.bots),
      funnel: { sessions: num(funnel?.sessions), viewed: num(funnel?.viewed), cart: num(funnel?.cart), checkout: num(funnel?.checkout), order: num(funnel?.orders) },
      stages: (await all('stages')).map((r) => ({ stage: String(r.stage), sessions: num(r.sessions), measured: num(r.measured), continued: num(r.continued) })),
      cards: (await all('cards')).map((r) => ({ stage: String(r.stage), touchpoint: String(r.touchpoint), sessions: num(r.sessions), continued: num(r.continued), ordered: num(r.ordered) })),
      exits: (await all('exits')).map((r) => ({ ...split(String(r.place)), count: num(r.n) })),
      channels: (await all('channels')).map((r) => ({ stage: String(r.stage), touchpoint: String(r.touchpoint), channel: String(r.channel) })),
      abandonedAt: (await all('abandonedAt')).map((r) => ({ ...split(String(r.place)), sessions: num(r.n) })),
      outcomes: (await all('outcomes')).map((r) => ({
        kind: r.kind as 'cart' | 'checkout',
        status: r.status as 'ordered' | 'abandoned' | 'open',
        source: str(r.source) as 'sdk' | 'derived' | null,
        count: num(r.n),
      })),
      ratings: (await all('ratings')).map((r) => ({
        stage: str(r.stage),
        touchpoint: str(r.touchpoint),
        kioskHour: num(r.kiosk_hour),
        surveyType: String(r.survey_type),
        min: num(r.scale_min),
        max: num(r.scale_max),
        score: num(r.score),
        count: num(r.n),
      })),
      comments: comments.all(),
      reasons: reasons.all(),
      vitals,
      orders: orders.reduce((a, r) => a + num(r.n), 0),
      revenue: orders.filter((r) => r.amount !== null && r.amount !== undefined).map((r) => ({ currency: String(r.currency), amount: num(r.amount) })),
      kiosks: (await all('kiosks')).map((r) => ({
        storeId: str(r.store_id),
        deviceId: String(r.device_id),
        timestamp: num(r.timestamp),
        queueDepth: numOrNull(r.queue_depth),
        battery: numOrNull(r.battery),
      })),
    };
  } finally {
    await source.release?.();
  }
};

/** Nearest-rank p75 per (touchpoint, metric) from values streamed in sorted order. */
const readP75 = async (vitals: ReportAggregates['vitals'], stream: (fn: (row: SqlRow) => void) => Promise<void>) => {
  const byKey = new Map(vitals.map((v) => [`${v.touchpoint}${SEP}${v.metric}`, v]));
  let key = '';
  let seen = 0;
  await stream((r) => {
    const k = `${String(r.touchpoint)}${SEP}${String(r.metric)}`;
    if (k !== key) {
      key = k;
      seen = 0;
    }
    seen += 1;
    const v = byKey.get(k);
    if (v && seen === Math.max(1, Math.ceil(v.count * 0.75))) v.p75 = num(r.value);
  });
};

/** The distinct store ids (for the filter), through the same engine. */
export const sqlStores = async (source: ReportSource, params: ReportParams): Promise<string[]> => {
  const out: string[] = [];
  const { queries } = reportQueries(source.dialect, { channel: false, store: false });
  for await (const r of await source.rows(queries(() => '').stores, params)) out.push(String(r.store_id));
  return out;
};
