import { JOURNEY_STAGES } from '../../core/limits';
import { VITAL_THRESHOLDS, type VitalMetric } from '../../schema/vitals';
import type { StoredEvent } from '../store';
import { SEP, TOP, type ReportAggregates } from './aggregates';
import { CART_EVENTS, CHECKOUT_EVENTS } from './journeyEvents';

/**
 * The report's aggregates computed in plain JavaScript over every event of the range: the test
 * oracle of the SQL engine (same definitions, written the obvious way), and the fallback for a
 * custom store that has no SQL. Memory grows with the events; the SQL engine's does not.
 */
export const memoryAggregates = (
  all: readonly StoredEvent[],
  beats: readonly StoredEvent[],
  { now, abandonmentWindowMs }: { now: number; abandonmentWindowMs: number },
): ReportAggregates => {
  const events = all.filter((r) => !r.bot);
  const visits = events.filter((r) => r.event !== 'Kiosk Heartbeat' && r.source !== 'server');
  const sessions = visitsBySession(visits);
  return {
    events: events.length,
    botEvents: all.length - events.length,
    funnel: {
      sessions: sessions.size,
      viewed: count([...sessions.values()], (s) => s.names.has('Product Viewed')),
      cart: count([...sessions.values()], (s) => s.names.has('Product Added')),
      checkout: count([...sessions.values()], (s) => s.names.has('Checkout Started')),
      order: count([...sessions.values()], (s) => s.firstOrder !== null),
    },
    ...placeAggregates(visits, sessions),
    ...outcomeAggregates(events, visits, sessions, now, abandonmentWindowMs),
    ...ratingAggregates(events),
    vitals: vitalAggregates(events),
    ...orderAggregates(events),
    kiosks: kioskAggregates(beats.filter((r) => !r.bot)),
  };
};

const count = <T>(list: readonly T[], pred: (x: T) => boolean) => list.filter(pred).length;
const stageOf = (r: StoredEvent) => (r.journeyStage ? (JOURNEY_STAGES as readonly string[]).indexOf(r.journeyStage) : -1);
const placed = (r: StoredEvent) => stageOf(r) >= 0 && r.touchpoint !== null;
const place = (r: StoredEvent) => `${r.journeyStage}${SEP}${r.touchpoint}`;
const split = (k: string) => {
  const i = k.indexOf(SEP);
  return { stage: k.slice(0, i), touchpoint: k.slice(i + 1) };
};
/** `x` of the greatest (`by`, `x`) — the SQL engine's `lastBy`; firstBy takes the least. */
const pick = <T>(rows: readonly T[], x: (r: T) => string | null, by: (r: T) => number, last: boolean): string | null => {
  let best: { by: number; x: string } | null = null;
  for (const r of rows) {
    const v = x(r);
    if (v === null) continue;
    const b = by(r);
    const better = !best || (last ? b > best.by || (b === best.by && v > best.x) : b < best.by || (b === best.by && v < best.x));
    if (better) best = { by: b, x: v };
  }
  return best?.x ?? null;
};
const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

interface Visit {
  rows: StoredEvent[];
  names: Set<string | null>;
  firstOrder: number | null;
  kioskOnly: boolean;
  /** Latest time of an event at a stage after stage j (j = 0…3). */
  above: (number | null)[];
  lastPlace: string | null;
}

const visitsBySession = (visits: readonly StoredEvent[]): Map<string, Visit> => {
  const groups = new Map<string, StoredEvent[]>();
  for (const r of visits) push(groups, r.sessionKey, r);
  const out = new Map<string, Visit>();
  for (const [k, rows] of groups) {
    const orders = rows.filter((r) => r.event === 'Order Completed').map((r) => r.timestamp);
    const above = [0, 1, 2, 3].map((j) => {
      const ts = rows.filter((r) => stageOf(r) > j).map((r) => r.timestamp);
      return ts.length ? Math.max(...ts) : null;
    });
    out.set(k, {
      rows,
      names: new Set(rows.map((r) => r.event)),
      firstOrder: orders.length ? Math.min(...orders) : null,
      kioskOnly: rows.every((r) => r.channel === 'kiosk'),
      above,
      lastPlace: pick(rows, (r) => (placed(r) ? place(r) : null), (r) => r.timestamp, true),
    });
  }
  return out;
};

const placeAggregates = (visits: readonly StoredEvent[], sessions: Map<string, Visit>) => {
  const cards = new Map<string, { sessions: number; continued: number; ordered: number }>();
  const stages = new Map<string, { sessions: number; measured: number; continued: number }>();
  const exits = new Map<string, number>();
  for (const v of sessions.values()) {
    const at = new Map<string, { first: number; last: number; si: number }>();
    const stageFirst = new Map<number, number>();
    for (const r of v.rows.filter(placed)) {
      const p = at.get(place(r)) ?? { first: r.timestamp, last: r.timestamp, si: stageOf(r) };
      at.set(place(r), { first: Math.min(p.first, r.timestamp), last: Math.max(p.last, r.timestamp), si: p.si });
      stageFirst.set(stageOf(r), Math.min(stageFirst.get(stageOf(r)) ?? Infinity, r.timestamp));
    }
    const goesOn = (si: number, from: number) => si < 4 && v.above[si] !== null && v.above[si]! >= from;
    for (const [k, p] of at) {
      const c = cards.get(k) ?? { sessions: 0, continued: 0, ordered: 0 };
      cards.set(k, { sessions: c.sessions + 1, continued: c.continued + (goesOn(p.si, p.first) ? 1 : 0), ordered: c.ordered + (v.firstOrder !== null && v.firstOrder <= p.last ? 1 : 0) });
    }
    for (const [si, first] of stageFirst) {
      const stage = JOURNEY_STAGES[si]!;
      const s = stages.get(stage) ?? { sessions: 0, measured: 0, continued: 0 };
      stages.set(stage, { sessions: s.sessions + 1, measured: s.measured + (v.kioskOnly ? 0 : 1), continued: s.continued + (!v.kioskOnly && goesOn(si, first) ? 1 : 0) });
    }
    if (!v.kioskOnly && v.firstOrder === null && v.lastPlace !== null) inc(exits, v.lastPlace);
  }
  const channels = new Set<string>();
  for (const r of visits) if (placed(r) && r.channel !== null) channels.add(`${place(r)}${SEP}${r.channel}`);
  return {
    stages: [...stages].map(([stage, s]) => ({ stage, ...s })),
    cards: [...cards].map(([k, c]) => ({ ...split(k), ...c })),
    exits: [...exits].map(([k, n]) => ({ ...split(k), count: n })),
    channels: [...channels].map((k) => {
      const [stage, touchpoint, channel] = k.split(SEP) as [string, string, string];
      return { stage, touchpoint, channel };
    }),
  };
};

const outcomeAggregates = (events: readonly StoredEvent[], visits: readonly StoredEvent[], sessions: Map<string, Visit>, now: number, windowMs: number) => {
  const orderKeys = new Set<string>();
  for (const r of events) {
    if (r.event !== 'Order Completed') continue;
    if (r.cartId !== null) orderKeys.add(r.cartId);
    if (r.checkoutId !== null) orderKeys.add(r.checkoutId);
  }
  const outcomes = new Map<string, number>();
  const abandonedAt = new Map<string, Set<string>>();
  for (const [kind, names] of [['cart', CART_EVENTS], ['checkout', CHECKOUT_EVENTS]] as const) {
    const groups = new Map<string, StoredEvent[]>();
    const keyOf = (r: StoredEvent) => (kind === 'cart' ? r.cartKey : r.checkoutKey);
    const isAct = (r: StoredEvent) => !!r.event && (names.activity as readonly string[]).includes(r.event);
    const actKeys = new Set(visits.filter(isAct).map(keyOf));
    for (const r of visits) {
      if (!isAct(r) && r.event !== names.abandoned) continue;
      // The SDK's abandonment carries its own cart id: one no cart action has is the visit's cart.
      const k = r.event === names.abandoned && !actKeys.has(keyOf(r)) ? `session:${r.sessionKey}` : keyOf(r);
      push(groups, k, r);
    }
    for (const [k, rows] of groups) {
      const started = rows.some((r) => r.event === names.start);
      const sdkRows = rows.filter((r) => r.event === names.abandoned);
      const acts = rows.filter((r) => r.event !== names.abandoned);
      if (!started && !sdkRows.length) continue;
      const ordered = orderKeys.has(k) || rows.some((r) => sessions.get(r.sessionKey)?.firstOrder !== null);
      const lastTs = acts.length ? Math.max(...acts.map((r) => r.timestamp)) : null;
      let status: string;
      let at: string | null = null;
      let session: string | null = null;
      if (ordered) status = 'ordered|';
      else if (sdkRows.length) {
        status = 'abandoned|sdk';
        at = pick(sdkRows, (r) => (placed(r) ? place(r) : null), (r) => r.timestamp, false);
        session = pick(sdkRows, (r) => (placed(r) ? r.sessionKey : null), (r) => r.timestamp, false);
      } else if (lastTs !== null && now - lastTs > windowMs) {
        status = 'abandoned|derived';
        at = pick(acts, (r) => (placed(r) ? place(r) : null), (r) => r.timestamp, true);
        session = pick(acts, (r) => (placed(r) ? r.sessionKey : null), (r) => r.timestamp, true);
      } else status = 'open|';
      inc(outcomes, `${kind}|${status}`);
      if (at !== null && session !== null) abandonedAt.set(at, (abandonedAt.get(at) ?? new Set()).add(session));
    }
  }
  return {
    outcomes: [...outcomes].map(([k, n]) => {
      const [kind, status, source] = k.split('|') as ['cart' | 'checkout', 'ordered' | 'abandoned' | 'open', string];
      return { kind, status, source: (source || null) as 'sdk' | 'derived' | null, count: n };
    }),
    abandonedAt: [...abandonedAt].map(([k, set]) => ({ ...split(k), sessions: set.size })),
  };
};

/** One rating per submission: the completed record wins, then the latest, then the greatest message id. */
const ratingAggregates = (events: readonly StoredEvent[]) => {
  const latest = new Map<string, StoredEvent>();
  const rank = (r: StoredEvent) => [r.completed ? 1 : 0, r.timestamp] as const;
  for (const r of events) {
    if (r.event !== 'Feedback Submitted' || r.submissionKey === null) continue;
    const prev = latest.get(r.submissionKey);
    const [c, t] = rank(r);
    const [pc, pt] = prev ? rank(prev) : [-1, 0];
    if (!prev || c > pc || (c === pc && (t > pt || (t === pt && r.messageId > prev.messageId)))) latest.set(r.submissionKey, r);
  }
  const wins = [...latest.values()].filter((r) => r.score !== null);
  const ratings = new Map<string, { stage: string | null; touchpoint: string | null; kioskHour: number; surveyType: string; min: number; max: number; score: number; count: number }>();
  const comments = new Map<string, { stage: string; touchpoint: string; text: string; count: number }>();
  const reasons = new Map<string, number>();
  for (const r of wins) {
    const kioskHour = r.channel === 'kiosk' ? r.localHour : -1;
    const k = JSON.stringify([r.journeyStage, r.touchpoint, kioskHour, r.surveyType, r.scaleMin, r.scaleMax, r.score]);
    const g = ratings.get(k) ?? { stage: r.journeyStage, touchpoint: r.touchpoint, kioskHour, surveyType: r.surveyType!, min: r.scaleMin!, max: r.scaleMax!, score: r.score!, count: 0 };
    g.count += 1;
    ratings.set(k, g);
    if (!placed(r)) continue;
    if (r.commentKey !== null) {
      const ck = `${place(r)}${SEP}${r.commentKey}`;
      const c = comments.get(ck) ?? { stage: r.journeyStage!, touchpoint: r.touchpoint!, text: r.comment!, count: 0 };
      comments.set(ck, { ...c, text: r.comment! < c.text ? r.comment! : c.text, count: c.count + 1 });
    }
    for (const reason of r.reasons ? (JSON.parse(r.reasons) as string[]) : []) inc(reasons, `${place(r)}${SEP}${reason}`);
  }
  const top = <T extends { stage: string; touchpoint: string; count: number }>(rows: T[], label: (x: T) => string) => {
    const byPlace = new Map<string, T[]>();
    for (const x of rows) push(byPlace, `${x.stage}${SEP}${x.touchpoint}`, x);
    return [...byPlace.values()].flatMap((list) => list.sort((a, b) => b.count - a.count || (label(a) < label(b) ? -1 : 1)).slice(0, TOP));
  };
  return {
    ratings: [...ratings.values()],
    comments: top([...comments.values()], (c) => c.text),
    reasons: top(
      [...reasons].map(([k, n]) => {
        const [stage, touchpoint, reason] = k.split(SEP) as [string, string, string];
        return { stage, touchpoint, reason, count: n };
      }),
      (x) => x.reason,
    ),
  };
};

const vitalAggregates = (events: readonly StoredEvent[]): ReportAggregates['vitals'] => {
  const groups = new Map<string, number[]>();
  for (const r of events) {
    if (r.metric === null || r.metricValue === null || r.touchpoint === null) continue;
    const k = `${r.touchpoint}${SEP}${r.metric}`;
    push(groups, k, r.metricValue);
  }
  return [...groups].map(([k, values]) => {
    const [touchpoint, metric] = k.split(SEP) as [string, VitalMetric];
    const sorted = values.sort((a, b) => a - b);
    const good = values.filter((v) => v <= VITAL_THRESHOLDS[metric][0]).length;
    return { touchpoint, metric, count: values.length, p75: sorted[Math.max(0, Math.ceil(sorted.length * 0.75) - 1)]!, good };
  });
};

/** Orders by id, browser and server once; the server's amount and currency win over the browser's. */
const orderAggregates = (events: readonly StoredEvent[]) => {
  const orders = new Map<string, StoredEvent[]>();
  for (const r of events) if (r.event === 'Order Completed' && r.orderId !== null) push(orders, r.orderId, r);
  const max = <T extends string | number>(xs: readonly (T | null)[]): T | null => {
    let m: T | null = null;
    for (const x of xs) if (x !== null && (m === null || x > m)) m = x;
    return m;
  };
  const revenue = new Map<string, number>();
  for (const rows of orders.values()) {
    const server = rows.filter((r) => r.source === 'server');
    const currency = max(server.map((r) => r.currency)) ?? max(rows.map((r) => r.currency)) ?? 'N/A';
    const amount = max(server.map((r) => r.revenue)) ?? max(rows.map((r) => r.revenue));
    if (amount !== null) revenue.set(currency, (revenue.get(currency) ?? 0) + amount);
  }
  return { orders: orders.size, revenue: [...revenue].map(([currency, amount]) => ({ currency, amount })) };
};

const kioskAggregates = (beats: readonly StoredEvent[]): ReportAggregates['kiosks'] => {
  const latest = new Map<string, StoredEvent>();
  for (const b of beats) {
    if (b.event !== 'Kiosk Heartbeat' || b.deviceId === null) continue;
    const k = JSON.stringify([b.storeId, b.deviceId]);
    const prev = latest.get(k);
    // Capture time (skew-corrected), not arrival: a replayed offline queue says nothing about now.
    if (!prev || b.timestamp > prev.timestamp || (b.timestamp === prev.timestamp && b.messageId > prev.messageId)) latest.set(k, b);
  }
  return [...latest.values()].map((b) => ({ storeId: b.storeId, deviceId: b.deviceId!, timestamp: b.timestamp, queueDepth: b.queueDepth, battery: b.battery }));
};
