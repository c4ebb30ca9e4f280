import { JOURNEY_STAGES } from '../../core/limits';
import { VITAL_THRESHOLDS } from '../../schema/vitals';
import { SEP } from './aggregates';
import { CART_EVENTS, CHECKOUT_EVENTS } from './journeyEvents';
import type { SqlDialect } from './sqlDialect';

/**
 * Named parameters of the report's queries (`@from` …). Times are epoch ms; `from`/`to` bound
 * `local_time`, `cutoff` = now − abandonment window, `beatsFrom` bounds the heartbeats' local time.
 */
export interface ReportParams {
  from: number;
  to: number;
  channel: string | null;
  store: string | null;
  cutoff: number;
  beatsFrom: number;
}

/**
 * An intermediate table: built once per report (a temporary table) or inlined as a subquery.
 * Its SQL may refer to earlier ones as `{name}`.
 */
export interface ReportTable {
  name: 'groups' | 'sessions' | 'places' | 'orderKeys' | 'cartKeys' | 'checkoutKeys' | 'carts' | 'checkouts' | 'wins';
  /**
   * The columns later queries join on (an engine that materialises the table may index them),
   * leading column first; further columns let a later GROUP BY read the index in order.
   */
  key: string;
  sql: string;
}

/** The final queries, by the aggregate each one feeds (see `sqlAggregates`). */
export type ReportQueryName =
  | 'totals' | 'funnel' | 'exits' | 'cards' | 'stages' | 'channels' | 'outcomes' | 'abandonedAt'
  | 'ratings' | 'comments' | 'reasons' | 'vitals' | 'vitalValues' | 'orders' | 'kiosks' | 'stores';

const list = (xs: readonly string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ');
const STAGES = list(JOURNEY_STAGES);

/**
 * The report as SQL over the `events` table: intermediate tables (referenced as `{name}`) and
 * final queries. Written once for every engine; the dialect fills in the few differing pieces.
 */
export const reportQueries = (d: SqlDialect, { channel, store }: { channel: boolean; store: boolean }) => {
  const inRange = (a = '', withBots = false) =>
    [...(withBots ? [] : [`${a}bot = 0`]), `${a}local_time >= @from`, `${a}local_time <= @to`, ...(channel ? [`${a}channel = @channel`] : []), ...(store ? [`${a}store_id = @store`] : [])].join(' AND ');
  const visit = (a = '') => `${inRange(a)} AND COALESCE(${a}event, '') <> 'Kiosk Heartbeat' AND COALESCE(${a}source, '') <> 'server'`;
  const placed = (a = '') => `${a}journey_stage IN (${STAGES}) AND ${a}touchpoint IS NOT NULL`;
  const place = (a = '') => `${a}journey_stage || '${SEP}' || ${a}touchpoint`;
  const above = (stage: string, t: string, s: string) =>
    `(CASE ${JOURNEY_STAGES.slice(0, -1).map((name, i) => `WHEN ${t}.${stage} = '${name}' THEN ${s}.above${i}`).join(' ')} END)`;
  // Searched CASE only: ClickHouse 18.16 gets `CASE x WHEN …` wrong (NULL without ELSE, -1 as 255).
  const stageIdx = `(CASE ${JOURNEY_STAGES.map((name, i) => `WHEN journey_stage = '${name}' THEN ${i}`).join(' ')} ELSE -1 END)`;

  const outcome = (kind: 'cart' | 'checkout') => {
    const ev = kind === 'cart' ? CART_EVENTS : CHECKOUT_EVENTS;
    const key = kind === 'cart' ? 'cart_key' : 'checkout_key';
    const act = `e.event <> '${ev.abandoned}'`;
    // The SDK's abandonment carries its own cart id, which the shop's cart events may not: one
    // whose key no cart action has is the visit's cart.
    const k = `CASE WHEN e.event = '${ev.abandoned}' AND ak.found IS NULL THEN 'session:' || e.session_key ELSE e.${key} END`;
    const sdk = `e.event = '${ev.abandoned}'`;
    return `SELECT c.k AS k, c.started AS started, c.sdk AS sdk, c.last_ts AS last_ts,
  c.sdk_place AS sdk_place, c.sdk_session AS sdk_session, c.left_place AS left_place, c.left_session AS left_session,
  CASE WHEN c.has_order = 1 OR o.found IS NOT NULL THEN 1 ELSE 0 END AS ordered
FROM (
  SELECT ${k} AS k,
    MAX(CASE WHEN e.event = '${ev.start}' THEN 1 ELSE 0 END) AS started,
    MAX(CASE WHEN ${sdk} THEN 1 ELSE 0 END) AS sdk,
    MAX(CASE WHEN ${act} THEN e.timestamp END) AS last_ts,
    ${d.firstBy(`CASE WHEN ${sdk} AND ${placed('e.')} THEN ${place('e.')} END`, 'e.timestamp')} AS sdk_place,
    ${d.firstBy(`CASE WHEN ${sdk} AND ${placed('e.')} THEN e.session_key END`, 'e.timestamp')} AS sdk_session,
    ${d.lastBy(`CASE WHEN ${act} AND ${placed('e.')} THEN ${place('e.')} END`, 'e.timestamp')} AS left_place,
    ${d.lastBy(`CASE WHEN ${act} AND ${placed('e.')} THEN e.session_key END`, 'e.timestamp')} AS left_session,
    MAX(CASE WHEN e.first_order IS NOT NULL THEN 1 ELSE 0 END) AS has_order
  FROM (
    -- One JOIN per SELECT: ClickHouse 18.16 does not take two.
    SELECT e.event AS event, e.timestamp AS timestamp, e.session_key AS session_key, e.journey_stage AS journey_stage,
      e.touchpoint AS touchpoint, e.${key} AS ${key}, so.first_order AS first_order
    FROM events e ${d.join} {sessions} so ON so.session_key = e.session_key
    WHERE ${visit('e.')} AND e.event IN (${list([...ev.activity, ev.abandoned])})
  ) e
  ${d.leftJoin} {${kind}Keys} ak ON ak.k = e.${key}
  GROUP BY ${k}
) c
${d.leftJoin} {orderKeys} o ON o.k = c.k
WHERE c.started = 1 OR c.sdk = 1`;
  };

  const visitFlag = `CASE WHEN COALESCE(event, '') <> 'Kiosk Heartbeat' AND COALESCE(source, '') <> 'server' THEN 1 ELSE 0 END`;
  const tables: ReportTable[] = [
    {
      // The one pass over every event of the range: what the visit-level tables and the totals
      // need, per visit, place and channel (bots and non-visits kept apart, for the totals).
      name: 'groups',
      // In `places`' grouping order, so that GROUP BY reads the index instead of sorting.
      key: 'session_key, journey_stage, touchpoint',
      sql: `SELECT session_key, journey_stage, touchpoint, channel, bot, ${visitFlag} AS visit, COUNT(*) AS n,
  MIN(timestamp) AS first_ts, MAX(timestamp) AS last_ts,
  MAX(CASE WHEN event = 'Product Viewed' THEN 1 ELSE 0 END) AS viewed,
  MAX(CASE WHEN event = 'Product Added' THEN 1 ELSE 0 END) AS carted,
  MAX(CASE WHEN event = 'Checkout Started' THEN 1 ELSE 0 END) AS checkout,
  MIN(CASE WHEN event = 'Order Completed' THEN timestamp END) AS first_order
FROM events WHERE ${inRange('', true)}
GROUP BY session_key, journey_stage, touchpoint, channel, bot, ${visitFlag}`,
    },
    {
      name: 'sessions',
      key: 'session_key',
      sql: `SELECT session_key, MAX(viewed) AS viewed, MAX(carted) AS carted, MAX(checkout) AS checkout,
  MIN(first_order) AS first_order,
  MIN(CASE WHEN channel = 'kiosk' THEN 1 ELSE 0 END) AS kiosk_only,
  ${[0, 1, 2, 3].map((j) => `MAX(CASE WHEN ${stageIdx} > ${j} THEN last_ts END) AS above${j}`).join(',\n  ')},
  ${d.lastBy(`CASE WHEN ${placed()} THEN ${place()} END`, 'last_ts')} AS last_place
FROM {groups} g WHERE bot = 0 AND visit = 1
GROUP BY session_key`,
    },
    {
      name: 'places',
      // `stages` groups by (session_key, journey_stage): in index order too.
      key: 'session_key, journey_stage, touchpoint',
      sql: `SELECT session_key, journey_stage, touchpoint, MIN(first_ts) AS first_ts, MAX(last_ts) AS last_ts
FROM {groups} g WHERE bot = 0 AND visit = 1 AND ${placed()}
GROUP BY session_key, journey_stage, touchpoint`,
    },
    {
      name: 'orderKeys',
      key: 'k',
      // The carts and checkouts an order of any source (browser or webhook) closes. `found` marks
      // a match of the LEFT JOIN: ClickHouse 18.16 gives a missing row's key its default, not NULL.
      sql: `SELECT DISTINCT k, 1 AS found FROM (
  SELECT cart_id AS k FROM events WHERE ${inRange()} AND event = 'Order Completed' AND cart_id IS NOT NULL
  UNION ALL
  SELECT checkout_id AS k FROM events WHERE ${inRange()} AND event = 'Order Completed' AND checkout_id IS NOT NULL
) ok`,
    },
    ...(['cart', 'checkout'] as const).map((kind): ReportTable => ({
      name: `${kind}Keys`,
      key: 'k',
      // `found` marks a LEFT JOIN match (ClickHouse 18.16 gives a missing row's key its default, not NULL).
      sql: `SELECT DISTINCT ${kind}_key AS k, 1 AS found FROM events WHERE ${visit()} AND event IN (${list((kind === 'cart' ? CART_EVENTS : CHECKOUT_EVENTS).activity)})`,
    })),
    { name: 'carts', key: 'k', sql: outcome('cart') },
    { name: 'checkouts', key: 'k', sql: outcome('checkout') },
    {
      name: 'wins',
      key: 'win',
      // One rating per submission: the completed record, then the latest, then the greatest message id.
      sql: `SELECT ${d.lastBy('message_id', 'completed * 100000000000000 + timestamp')} AS win
FROM events WHERE ${inRange()} AND event = 'Feedback Submitted'
GROUP BY submission_key`,
    },
  ];

  const won = (ref: (n: ReportTable['name']) => string) => `${ref('wins')} k ${d.join} events w ON w.message_id = k.win`;
  const status = `CASE WHEN ordered = 1 THEN 'ordered' WHEN sdk = 1 OR last_ts < @cutoff THEN 'abandoned' ELSE 'open' END`;
  const source = `CASE WHEN ordered = 1 THEN NULL WHEN sdk = 1 THEN 'sdk' WHEN last_ts < @cutoff THEN 'derived' END`;
  const leftAt = (col: 'place' | 'session') => `CASE WHEN ordered = 1 THEN NULL WHEN sdk = 1 THEN sdk_${col} WHEN last_ts < @cutoff THEN left_${col} END`;
  const good = `(CASE ${Object.entries(VITAL_THRESHOLDS).map(([m, [g]]) => `WHEN metric = '${m}' THEN ${g}`).join(' ')} END)`;
  const vitals = `FROM events WHERE ${inRange()} AND event = 'Web Vital Measured' AND metric IS NOT NULL AND touchpoint IS NOT NULL`;

  const queries = (ref: (n: ReportTable['name']) => string): Record<ReportQueryName, string> => ({
    totals: `SELECT SUM(CASE WHEN bot = 0 THEN n ELSE 0 END) AS events, SUM(CASE WHEN bot = 0 THEN 0 ELSE n END) AS bots FROM ${ref('groups')} g`,
    funnel: `SELECT COUNT(*) AS sessions, SUM(viewed) AS viewed, SUM(carted) AS cart, SUM(checkout) AS checkout,
  SUM(CASE WHEN first_order IS NOT NULL THEN 1 ELSE 0 END) AS orders
FROM ${ref('sessions')} s`,
    exits: `SELECT last_place AS place, COUNT(*) AS n FROM ${ref('sessions')} s
WHERE kiosk_only = 0 AND first_order IS NULL AND last_place IS NOT NULL GROUP BY last_place`,
    cards: `SELECT t.journey_stage AS stage, t.touchpoint AS touchpoint, COUNT(*) AS sessions,
  SUM(CASE WHEN ${above('journey_stage', 't', 's')} >= t.first_ts THEN 1 ELSE 0 END) AS continued,
  SUM(CASE WHEN s.first_order <= t.last_ts THEN 1 ELSE 0 END) AS ordered
FROM ${ref('places')} t ${d.join} ${ref('sessions')} s ON s.session_key = t.session_key
GROUP BY t.journey_stage, t.touchpoint`,
    stages: `SELECT t.journey_stage AS stage, COUNT(*) AS sessions, SUM(1 - s.kiosk_only) AS measured,
  SUM(CASE WHEN s.kiosk_only = 0 AND ${above('journey_stage', 't', 's')} >= t.first_ts THEN 1 ELSE 0 END) AS continued
FROM (SELECT session_key, journey_stage, MIN(first_ts) AS first_ts FROM ${ref('places')} p GROUP BY session_key, journey_stage) t
${d.join} ${ref('sessions')} s ON s.session_key = t.session_key
GROUP BY t.journey_stage`,
    channels: `SELECT DISTINCT journey_stage AS stage, touchpoint, channel FROM ${ref('groups')} g WHERE bot = 0 AND visit = 1 AND ${placed()} AND channel IS NOT NULL`,
    outcomes: `SELECT kind, status, source, COUNT(*) AS n FROM (
  SELECT 'cart' AS kind, ${status} AS status, ${source} AS source FROM ${ref('carts')} c
  UNION ALL
  SELECT 'checkout' AS kind, ${status} AS status, ${source} AS source FROM ${ref('checkouts')} c
) x GROUP BY kind, status, source`,
    abandonedAt: `SELECT place, COUNT(DISTINCT session) AS n FROM (
  SELECT ${leftAt('place')} AS place, ${leftAt('session')} AS session FROM ${ref('carts')} c
  UNION ALL
  SELECT ${leftAt('place')} AS place, ${leftAt('session')} AS session FROM ${ref('checkouts')} c
) x WHERE place IS NOT NULL AND session IS NOT NULL GROUP BY place`,
    ratings: `SELECT w.journey_stage AS stage, w.touchpoint AS touchpoint, CASE WHEN w.channel = 'kiosk' THEN w.local_hour ELSE -1 END AS kiosk_hour,
  w.survey_type AS survey_type, w.scale_min AS scale_min, w.scale_max AS scale_max, w.score AS score, COUNT(*) AS n
FROM ${won(ref)} WHERE w.score IS NOT NULL
GROUP BY w.journey_stage, w.touchpoint, CASE WHEN w.channel = 'kiosk' THEN w.local_hour ELSE -1 END, w.survey_type, w.scale_min, w.scale_max, w.score`,
    comments: `SELECT w.journey_stage AS stage, w.touchpoint AS touchpoint, MIN(w.comment) AS text, COUNT(*) AS n
FROM ${won(ref)} WHERE w.score IS NOT NULL AND w.comment_key IS NOT NULL AND ${placed('w.')}
GROUP BY w.journey_stage, w.touchpoint, w.comment_key`,
    reasons: (() => {
      const u = d.unnestReasons('w');
      return `SELECT w.journey_stage AS stage, w.touchpoint AS touchpoint, ${u.value} AS reason, COUNT(*) AS n
FROM ${won(ref)}${u.from} WHERE w.score IS NOT NULL AND w.reasons IS NOT NULL AND ${placed('w.')}
GROUP BY w.journey_stage, w.touchpoint, ${u.value}`;
    })(),
    vitals: `SELECT touchpoint, metric, COUNT(*) AS n, SUM(CASE WHEN metric_value <= ${good} THEN 1 ELSE 0 END) AS good
${vitals} GROUP BY touchpoint, metric`,
    // Streamed in order: the engine reads off the nearest-rank p75 with constant memory.
    vitalValues: `SELECT touchpoint, metric, metric_value AS value ${vitals} ORDER BY touchpoint, metric, metric_value`,
    orders: `SELECT currency, COUNT(*) AS n, SUM(amount) AS amount FROM (
  SELECT COALESCE(MAX(CASE WHEN source = 'server' THEN currency END), MAX(currency)) AS currency,
    COALESCE(MAX(CASE WHEN source = 'server' THEN revenue END), MAX(revenue)) AS amount
  FROM events WHERE ${inRange()} AND event = 'Order Completed' GROUP BY order_id
) o GROUP BY currency`,
    kiosks: `SELECT w.store_id AS store_id, w.device_id AS device_id, w.timestamp AS timestamp, w.queue_depth AS queue_depth, w.battery AS battery
FROM (
  SELECT ${d.lastBy('message_id', 'timestamp')} AS win FROM events
  WHERE bot = 0 AND event = 'Kiosk Heartbeat' AND local_time >= @beatsFrom${store ? ' AND store_id = @store' : ''} AND device_id IS NOT NULL
  GROUP BY store_id, device_id
) k ${d.join} events w ON w.message_id = k.win`,
    stores: `SELECT DISTINCT store_id FROM events WHERE store_id IS NOT NULL ORDER BY store_id LIMIT 1000`,
  });
  return { tables, queries };
};
