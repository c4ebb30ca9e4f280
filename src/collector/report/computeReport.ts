import { JOURNEY_STAGES } from '../../core/limits';
import type { StoredEvent } from '../store';
import { deriveAbandonment, type Outcome } from './abandonment';
import { collectSubmissions, round, summariseRatings, topCounts, type RatingSummary, type Submission } from './ratings';
import { num, text, toReportRows, type ReportRow } from './reportRows';
import type { ReportFilter } from './reportFilter';

/** Web-vital figures of one metric at one touchpoint. */
export interface VitalSummary {
  name: string;
  count: number;
  /** 75th percentile, the figure Core Web Vitals are judged by. */
  p75: number;
  /** Share of samples rated `good`. */
  good: number;
}

/** One touchpoint of a stage: the card of the journey map. */
export interface TouchpointCard {
  touchpoint: string;
  stage: string;
  channels: string[];
  /** Sessions with any event here. */
  sessions: number;
  /** Of those, sessions that went on to a later stage afterwards. */
  continued: number;
  /** `continued / sessions`; null at the last stage and for kiosk-only touchpoints (terminals see one moment). */
  continuation: number | null;
  /** Sessions whose last touchpoint was this one, without an order (kiosk-only visits left out). */
  exits: number;
  /** Sessions whose cart or checkout was abandoned here (SDK-reported or derived, each session once). */
  abandoned: number;
  ratings: RatingSummary | null;
  /** Most common follow-up comments. */
  comments: { text: string; count: number }[];
  /** Most common follow-up reasons. */
  reasons: { text: string; count: number }[];
  vitals: VitalSummary[];
  /** Why this card is a "down" of the journey: `emotion`, `continuation`. */
  downs: ('emotion' | 'continuation')[];
}

/** A stage column. */
export interface StageColumn {
  stage: string;
  sessions: number;
  /** Share of the stage's sessions that reached a later stage (kiosk-only visits left out); null at the last stage. */
  continuation: number | null;
  touchpoints: TouchpointCard[];
}

/** A highlighted low point. */
export interface Down {
  stage: string;
  touchpoint: string;
  kind: 'emotion' | 'continuation';
  /** Emotion (0–100) or continuation share (0–1) at the touchpoint. */
  value: number;
  /** Difference from the average: of all rated touchpoints (emotion), of the stage's touchpoints (continuation). */
  delta: number;
}

/** Cart or checkout outcome counts. */
export interface AbandonmentSummary {
  started: number;
  ordered: number;
  abandoned: number;
  /** Abandoned ones the SDK reported itself / the collector derived. */
  sdk: number;
  derived: number;
  /** Still inside the window. */
  open: number;
  /** `abandoned / (ordered + abandoned)`; null when none ended. */
  rate: number | null;
}

/** Everything `/report.json` serves and `/report` draws. */
export interface Report {
  generatedAt: string;
  filter: ReportFilter;
  /** Stores seen, for the filter. */
  stores: string[];
  totals: { events: number; sessions: number; ratings: number; orders: number; revenue: Record<string, number> };
  stages: StageColumn[];
  downs: Down[];
  funnel: {
    steps: { key: 'sessions' | 'viewed' | 'cart' | 'checkout' | 'order'; sessions: number; rate: number | null }[];
    cart: AbandonmentSummary;
    checkout: AbandonmentSummary;
  };
  /** Kiosk ratings by local hour of day (0–23). */
  kioskHours: { hour: number; count: number; emotion: number | null }[];
  /** Web vitals per touchpoint. */
  vitals: { touchpoint: string; metrics: VitalSummary[] }[];
  /** Kiosks by their latest heartbeat. */
  kiosks: { storeId: string | null; deviceId: string; lastSeen: string; minutesAgo: number; queueDepth?: number; battery?: number; silent: boolean }[];
}

/** Options of {@link computeReport}. */
export interface ComputeOptions {
  filter: ReportFilter;
  now: number;
  /** Cart/checkout inactivity window. */
  abandonmentWindowMs: number;
  /** A kiosk with no heartbeat for this long is silent. */
  silentAfterMs: number;
  /** Fewest ratings (or sessions) before a touchpoint can be flagged as a down. */
  minSample: number;
  stores: string[];
}

const STAGES: readonly string[] = JOURNEY_STAGES;
const stageIndex = (stage: string | null) => (stage ? STAGES.indexOf(stage) : -1);
const inc = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** Compute the emotional journey report from stored events (already filtered) and heartbeats. */
export const computeReport = (events: readonly StoredEvent[], heartbeats: readonly StoredEvent[], o: ComputeOptions): Report => {
  const rows = toReportRows(events);
  const submissions = collectSubmissions(rows);
  const outcomes = deriveAbandonment(rows, { windowMs: o.abandonmentWindowMs, now: o.now });

  const sessions = new Map<string, ReportRow[]>();
  for (const row of rows) {
    if (row.event === 'Kiosk Heartbeat') continue;
    const list = sessions.get(row.session);
    if (list) list.push(row);
    else sessions.set(row.session, [row]);
  }

  // Per touchpoint: sessions reaching it, continuing, exiting.
  const key = (stage: string, tp: string) => `${stage}\u0000${tp}`;
  const reached = new Map<string, number>();
  const continued = new Map<string, number>();
  const exits = new Map<string, number>();
  const channels = new Map<string, Set<string>>();
  const stageReached = new Map<string, number>();
  const stageContinued = new Map<string, number>();
  const stageMeasured = new Map<string, number>();
  const funnel = { sessions: 0, viewed: 0, cart: 0, checkout: 0, order: 0 };
  for (const list of sessions.values()) {
    list.sort((a, b) => a.timestamp - b.timestamp);
    funnel.sessions += 1;
    // A kiosk visit is one moment at a terminal: neither going on nor leaving is observable there.
    const kioskOnly = list.every((r) => r.channel === 'kiosk');
    const names = new Set(list.map((r) => r.event));
    if (names.has('Product Viewed')) funnel.viewed += 1;
    if (names.has('Product Added')) funnel.cart += 1;
    if (names.has('Checkout Started')) funnel.checkout += 1;
    if (names.has('Order Completed')) funnel.order += 1;
    // Latest stage reached at or after each moment: suffix maximum of stage indexes.
    const laterStage: number[] = new Array(list.length + 1).fill(-1);
    for (let i = list.length - 1; i >= 0; i--) laterStage[i] = Math.max(laterStage[i + 1]!, stageIndex(list[i]!.journeyStage));
    const seen = new Set<string>();
    const seenStage = new Map<number, boolean>();
    list.forEach((row, i) => {
      const s = stageIndex(row.journeyStage);
      if (s < 0 || !row.touchpoint) return;
      const k = key(row.journeyStage!, row.touchpoint);
      const goesOn = laterStage[i]! > s;
      if (!seen.has(k)) {
        seen.add(k);
        inc(reached, k);
        if (goesOn) inc(continued, k);
      }
      if (!seenStage.has(s)) seenStage.set(s, goesOn);
      else if (goesOn) seenStage.set(s, true);
      const set = channels.get(k) ?? new Set<string>();
      if (row.channel) set.add(row.channel);
      channels.set(k, set);
    });
    for (const [s, goesOn] of seenStage) {
      inc(stageReached, STAGES[s]!);
      if (kioskOnly) continue;
      inc(stageMeasured, STAGES[s]!);
      if (goesOn) inc(stageContinued, STAGES[s]!);
    }
    const last = [...list].reverse().find((r) => r.touchpoint && stageIndex(r.journeyStage) >= 0);
    if (last && !kioskOnly && !names.has('Order Completed')) inc(exits, key(last.journeyStage!, last.touchpoint!));
  }

  // Sessions (not outcomes) that abandoned here: leaving in checkout abandons cart and checkout at once.
  const abandonedSessions = new Map<string, Set<string>>();
  for (const out of outcomes) {
    if (out.status !== 'abandoned' || !out.touchpoint || !out.stage) continue;
    const k = key(out.stage, out.touchpoint);
    const set = abandonedSessions.get(k) ?? new Set<string>();
    set.add(out.session);
    abandonedSessions.set(k, set);
  }
  const abandonedAt = new Map([...abandonedSessions].map(([k, set]) => [k, set.size]));
  const subsAt = new Map<string, Submission[]>();
  for (const s of submissions) {
    if (!s.row.touchpoint || stageIndex(s.row.journeyStage) < 0) continue;
    const k = key(s.row.journeyStage!, s.row.touchpoint);
    const list = subsAt.get(k);
    if (list) list.push(s);
    else subsAt.set(k, [s]);
  }
  const vitalsAt = summariseVitals(rows);

  const stages: StageColumn[] = STAGES.map((stage, si) => {
    const keys = [...new Set([...reached.keys(), ...subsAt.keys(), ...abandonedAt.keys()])].filter((k) => k.startsWith(`${stage}\u0000`));
    const last = si === STAGES.length - 1;
    const touchpoints = keys.map((k): TouchpointCard => {
      const tp = k.slice(stage.length + 1);
      const n = reached.get(k) ?? 0;
      const subs = subsAt.get(k) ?? [];
      const chans = [...(channels.get(k) ?? [])].sort();
      // A kiosk is a terminal: it sees one moment of the visit, so going on is not observable there.
      const measurable = !last && n > 0 && chans.some((ch) => ch !== 'kiosk');
      return {
        touchpoint: tp,
        stage,
        channels: chans,
        sessions: n,
        continued: continued.get(k) ?? 0,
        continuation: measurable ? round((continued.get(k) ?? 0) / n, 3) : null,
        exits: exits.get(k) ?? 0,
        abandoned: abandonedAt.get(k) ?? 0,
        ratings: summariseRatings(subs),
        comments: topCounts(subs.flatMap((s) => (s.comment ? [s.comment] : []))),
        reasons: topCounts(subs.flatMap((s) => s.reasons)),
        vitals: vitalsAt.get(tp) ?? [],
        downs: [],
      };
    });
    touchpoints.sort((a, b) => b.sessions - a.sessions || a.touchpoint.localeCompare(b.touchpoint));
    const measured = stageMeasured.get(stage) ?? 0;
    const continuation = last || !measured ? null : round((stageContinued.get(stage) ?? 0) / measured, 3);
    return { stage, sessions: stageReached.get(stage) ?? 0, continuation, touchpoints };
  });

  const downs = findDowns(stages.flatMap((s) => s.touchpoints), o.minSample);
  const orders = rows.filter((r) => r.event === 'Order Completed');
  const revenue: Record<string, number> = {};
  const orderIds = new Set<string>();
  for (const r of orders) {
    const id = text(r.props.order_id) ?? r.messageId;
    if (orderIds.has(id)) continue;
    orderIds.add(id);
    const amount = num(r.props.revenue) ?? num(r.props.value) ?? num(r.props.total);
    const currency = (text(r.props.currency) ?? 'n/a').toUpperCase().slice(0, 10);
    if (amount !== undefined) revenue[currency] = round((revenue[currency] ?? 0) + amount, 2);
  }
  const step = (k: keyof typeof funnel, prev?: keyof typeof funnel) => ({
    key: k,
    sessions: funnel[k],
    rate: prev === undefined ? null : funnel[prev] ? round(funnel[k] / funnel[prev], 3) : null,
  });

  return {
    generatedAt: new Date(o.now).toISOString(),
    filter: o.filter,
    stores: o.stores,
    totals: { events: rows.length, sessions: sessions.size, ratings: submissions.length, orders: orderIds.size, revenue },
    stages,
    downs,
    funnel: {
      steps: [step('sessions'), step('viewed', 'sessions'), step('cart', 'viewed'), step('checkout', 'cart'), step('order', 'checkout')],
      cart: summariseOutcomes(outcomes, 'cart'),
      checkout: summariseOutcomes(outcomes, 'checkout'),
    },
    kioskHours: Array.from({ length: 24 }, (_, hour) => {
      const at = submissions.filter((s) => s.row.channel === 'kiosk' && s.row.localHour === hour);
      return { hour, count: at.length, emotion: at.length ? round(at.reduce((a, s) => a + s.emotion, 0) / at.length, 1) : null };
    }),
    vitals: [...vitalsAt].map(([touchpoint, metrics]) => ({ touchpoint, metrics })).sort((a, b) => a.touchpoint.localeCompare(b.touchpoint)),
    kiosks: summariseKiosks(toReportRows(heartbeats), o),
  };
};

const summariseOutcomes = (outcomes: readonly Outcome[], kind: 'cart' | 'checkout'): AbandonmentSummary => {
  const of = outcomes.filter((o) => o.kind === kind);
  const count = (pred: (o: Outcome) => boolean) => of.filter(pred).length;
  const ordered = count((o) => o.status === 'ordered');
  const abandoned = count((o) => o.status === 'abandoned');
  return {
    started: of.length,
    ordered,
    abandoned,
    sdk: count((o) => o.source === 'sdk'),
    derived: count((o) => o.source === 'derived'),
    open: count((o) => o.status === 'open'),
    rate: ordered + abandoned ? round(abandoned / (ordered + abandoned), 3) : null,
  };
};

const VITALS = new Set(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
const summariseVitals = (rows: readonly ReportRow[]): Map<string, VitalSummary[]> => {
  const samples = new Map<string, Map<string, { value: number; good: boolean }[]>>();
  for (const r of rows) {
    if (r.event !== 'Web Vital' || !r.touchpoint) continue;
    const name = text(r.props.name)?.toUpperCase();
    const value = num(r.props.value);
    if (!name || !VITALS.has(name) || value === undefined) continue;
    const byName = samples.get(r.touchpoint) ?? new Map<string, { value: number; good: boolean }[]>();
    samples.set(r.touchpoint, byName);
    const list = byName.get(name) ?? [];
    byName.set(name, list);
    list.push({ value, good: r.props.rating === 'good' });
  }
  const out = new Map<string, VitalSummary[]>();
  for (const [tp, byName] of samples) {
    out.set(
      tp,
      [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => {
        const sorted = list.map((s) => s.value).sort((a, b) => a - b);
        const p75 = sorted[Math.max(0, Math.ceil(sorted.length * 0.75) - 1)]!;
        return { name, count: list.length, p75: round(p75, name === 'CLS' ? 3 : 0), good: round(list.filter((s) => s.good).length / list.length, 3) };
      }),
    );
  }
  return out;
};

/** Flag the touchpoints whose emotion or continuation falls furthest below the average. */
const findDowns = (cards: TouchpointCard[], minSample: number): Down[] => {
  const rated = cards.filter((c) => c.ratings && c.ratings.count >= minSample);
  const downs: Down[] = [];
  if (rated.length >= 2) {
    const mean = rated.reduce((a, c) => a + c.ratings!.emotion, 0) / rated.length;
    for (const c of rated) {
      const delta = round(c.ratings!.emotion - mean, 1);
      if (delta <= -5) downs.push({ stage: c.stage, touchpoint: c.touchpoint, kind: 'emotion', value: c.ratings!.emotion, delta });
    }
  }
  // Continuation is compared within the stage: going from post-purchase to advocacy is rarer than
  // from awareness to consideration everywhere, and that is not a low point of this journey.
  const going = cards.filter((c) => c.continuation !== null && c.sessions >= minSample);
  for (const stage of new Set(going.map((c) => c.stage))) {
    const peers = going.filter((c) => c.stage === stage);
    if (peers.length < 2) continue;
    const mean = peers.reduce((a, c) => a + c.continuation!, 0) / peers.length;
    for (const c of peers) {
      const delta = round(c.continuation! - mean, 3);
      if (delta <= -0.05) downs.push({ stage: c.stage, touchpoint: c.touchpoint, kind: 'continuation', value: c.continuation!, delta });
    }
  }
  const worst = [
    ...downs.filter((d) => d.kind === 'emotion').sort((a, b) => a.delta - b.delta).slice(0, 3),
    ...downs.filter((d) => d.kind === 'continuation').sort((a, b) => a.delta - b.delta).slice(0, 3),
  ];
  for (const d of worst) cards.find((c) => c.stage === d.stage && c.touchpoint === d.touchpoint)?.downs.push(d.kind);
  return worst;
};

const summariseKiosks = (beats: readonly ReportRow[], o: ComputeOptions): Report['kiosks'] => {
  const latest = new Map<string, ReportRow>();
  for (const b of beats) {
    const device = b.deviceId ?? text(b.props.device_id);
    if (!device) continue;
    const k = `${b.storeId ?? ''}\u0000${device}`;
    const prev = latest.get(k);
    // Capture time (skew-corrected), not arrival: a kiosk that was offline and flushes old
    // heartbeats on reconnect sends a fresh one too, and a replayed queue says nothing about now.
    if (!prev || b.timestamp >= prev.timestamp) latest.set(k, b);
  }
  return [...latest.values()]
    .map((b) => {
      const queueDepth = num(b.props.queue_depth);
      const battery = num(b.props.battery);
      const minutesAgo = Math.max(0, Math.floor((o.now - b.timestamp) / 60_000));
      return {
        storeId: b.storeId,
        deviceId: b.deviceId ?? text(b.props.device_id)!,
        lastSeen: new Date(b.timestamp).toISOString(),
        minutesAgo,
        ...(queueDepth !== undefined ? { queueDepth } : {}),
        ...(battery !== undefined ? { battery } : {}),
        silent: o.now - b.timestamp > o.silentAfterMs,
      };
    })
    .sort((a, b) => Number(b.silent) - Number(a.silent) || b.minutesAgo - a.minutesAgo || a.deviceId.localeCompare(b.deviceId));
};
