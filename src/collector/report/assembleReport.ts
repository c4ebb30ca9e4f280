import { JOURNEY_STAGES } from '../../core/limits';
import { reasonLabel } from '../../schema/reasons';
import type { ReportAggregates } from './aggregates';
import { meanEmotion, round, summariseRatings, type ScoreCount } from './ratings';
import type { AbandonmentSummary, ComputeOptions, Down, Report, StageColumn, TouchpointCard, VitalSummary } from './reportTypes';

const STAGES: readonly string[] = JOURNEY_STAGES;
const key = (stage: string, tp: string) => `${stage}\u0000${tp}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group rows of an aggregate table by (stage, touchpoint). */
const groupBy = <T extends { stage: string | null; touchpoint: string | null }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (r.stage === null || r.touchpoint === null) continue;
    const k = key(r.stage, r.touchpoint);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
};

/**
 * Turn the aggregates of an engine into the report: cards per stage (capped), low points, funnel,
 * abandonment, kiosk hours, vitals and kiosks. Pure and cheap: its input is bounded by the number
 * of touchpoints, never by the number of events.
 */
export const assembleReport = (a: ReportAggregates, o: ComputeOptions): Report => {
  const maxCards = o.maxCards ?? 12;
  const ratingsAt = groupBy(a.ratings);
  const commentsAt = groupBy(a.comments);
  const reasonsAt = groupBy(a.reasons);
  const vitalsAt = summariseVitals(a.vitals);
  const one = <T extends { stage: string; touchpoint: string }>(rows: readonly T[]) => new Map(rows.map((r) => [key(r.stage, r.touchpoint), r]));
  const cards = one(a.cards);
  const exits = one(a.exits);
  const abandoned = one(a.abandonedAt);
  const channels = new Map<string, string[]>();
  for (const c of a.channels) channels.set(key(c.stage, c.touchpoint), [...(channels.get(key(c.stage, c.touchpoint)) ?? []), c.channel]);

  const allCards: TouchpointCard[] = [];
  const stages = STAGES.map((stage, si): StageColumn => {
    const keys = new Set([...cards.keys(), ...ratingsAt.keys(), ...abandoned.keys()].filter((k) => k.startsWith(`${stage}\u0000`)));
    const last = si === STAGES.length - 1;
    const touchpoints = [...keys].map((k): TouchpointCard => {
      const tp = k.slice(stage.length + 1);
      const c = cards.get(k);
      const n = c?.sessions ?? 0;
      const chans = [...(channels.get(k) ?? [])].sort(byText);
      // A kiosk is a terminal: it sees one moment of the visit, so going on is not observable there.
      const measurable = !last && n > 0 && chans.some((ch) => ch !== 'kiosk');
      return {
        touchpoint: tp,
        stage,
        channels: chans,
        sessions: n,
        continued: c?.continued ?? 0,
        continuation: measurable ? round((c?.continued ?? 0) / n, 3) : null,
        exits: exits.get(k)?.count ?? 0,
        abandoned: abandoned.get(k)?.sessions ?? 0,
        ratings: summariseRatings(mergeScores(ratingsAt.get(k) ?? [])),
        comments: (commentsAt.get(k) ?? []).map((x) => ({ text: x.text, count: x.count })),
        reasons: (reasonsAt.get(k) ?? []).map((x) => ({ id: x.reason, text: reasonLabel(x.reason, o.filter.lang), count: x.count })),
        vitals: vitalsAt.get(tp) ?? [],
        endOfJourney: n > 0 && (c?.ordered ?? 0) * 2 >= n,
        downs: [],
      };
    });
    touchpoints.sort((x, y) => y.sessions - x.sessions || byText(x.touchpoint, y.touchpoint));
    allCards.push(...touchpoints);
    const s = a.stages.find((x) => x.stage === stage);
    const continuation = last || !s?.measured ? null : round(s.continued / s.measured, 3);
    const rest = touchpoints.slice(maxCards);
    return {
      stage,
      sessions: s?.sessions ?? 0,
      continuation,
      touchpoints: touchpoints.slice(0, maxCards),
      others: rest.length ? { touchpoints: rest.length, sessions: rest.reduce((x, c) => x + c.sessions, 0) } : null,
    };
  });
  const downs = findDowns(allCards, o.minSample);
  const revenue: Record<string, number> = {};
  for (const r of [...a.revenue].sort((x, y) => byText(x.currency, y.currency))) revenue[r.currency] = round(r.amount, 2);
  const f = a.funnel;
  const step = (k: keyof typeof f, prev?: keyof typeof f) => ({ key: k, sessions: f[k], rate: prev === undefined ? null : f[prev] ? round(f[k] / f[prev], 3) : null });
  const kioskScores = a.ratings.filter((r) => r.kioskHour >= 0);
  return {
    generatedAt: new Date(o.now).toISOString(),
    filter: o.filter,
    stores: o.stores,
    totals: { events: a.events, sessions: f.sessions, ratings: a.ratings.reduce((x, r) => x + r.count, 0), orders: a.orders, revenue, botEvents: a.botEvents },
    cardCap: maxCards,
    stages,
    downs,
    funnel: {
      steps: [step('sessions'), step('viewed', 'sessions'), step('cart', 'viewed'), step('checkout', 'cart'), step('order', 'checkout')],
      cart: summariseOutcomes(a.outcomes, 'cart'),
      checkout: summariseOutcomes(a.outcomes, 'checkout'),
    },
    kioskHours: Array.from({ length: 24 }, (_, hour) => {
      const at = mergeScores(kioskScores.filter((r) => r.kioskHour === hour));
      return { hour, count: at.reduce((x, g) => x + g.count, 0), emotion: meanEmotion(at) };
    }),
    vitals: [...vitalsAt].map(([touchpoint, metrics]) => ({ touchpoint, metrics })).sort((x, y) => byText(x.touchpoint, y.touchpoint)),
    kiosks: a.kiosks
      .map((k) => {
        const minutesAgo = Math.max(0, Math.floor((o.now - k.timestamp) / 60_000));
        return {
          storeId: k.storeId,
          deviceId: k.deviceId,
          lastSeen: new Date(k.timestamp).toISOString(),
          minutesAgo,
          ...(k.queueDepth !== null ? { queueDepth: k.queueDepth } : {}),
          ...(k.battery !== null ? { battery: k.battery } : {}),
          silent: o.now - k.timestamp > o.silentAfterMs,
        };
      })
      .sort((x, y) => Number(y.silent) - Number(x.silent) || y.minutesAgo - x.minutesAgo || byText(x.deviceId, y.deviceId) || byText(x.storeId ?? '', y.storeId ?? '')),
  };
};

/** Merge score groups that differ only in place or hour. */
const mergeScores = (rows: readonly ScoreCount[]): ScoreCount[] => {
  const out = new Map<string, ScoreCount>();
  for (const r of rows) {
    const k = `${r.surveyType}|${r.min}|${r.max}|${r.score}`;
    const g = out.get(k);
    if (g) g.count += r.count;
    else out.set(k, { surveyType: r.surveyType, min: r.min, max: r.max, score: r.score, count: r.count });
  }
  return [...out.values()];
};

const summariseOutcomes = (outcomes: ReportAggregates['outcomes'], kind: 'cart' | 'checkout'): AbandonmentSummary => {
  const of = outcomes.filter((x) => x.kind === kind);
  const count = (pred: (x: (typeof of)[number]) => boolean) => of.filter(pred).reduce((a, x) => a + x.count, 0);
  const ordered = count((x) => x.status === 'ordered');
  const abandoned = count((x) => x.status === 'abandoned');
  return {
    started: count(() => true),
    ordered,
    abandoned,
    sdk: count((x) => x.source === 'sdk'),
    derived: count((x) => x.source === 'derived'),
    open: count((x) => x.status === 'open'),
    rate: ordered + abandoned ? round(abandoned / (ordered + abandoned), 3) : null,
  };
};

const summariseVitals = (rows: ReportAggregates['vitals']): Map<string, VitalSummary[]> => {
  const out = new Map<string, VitalSummary[]>();
  for (const v of [...rows].sort((x, y) => byText(x.touchpoint, y.touchpoint) || byText(x.metric, y.metric))) {
    const list = out.get(v.touchpoint) ?? [];
    out.set(v.touchpoint, list);
    list.push({ name: v.metric, count: v.count, p75: round(v.p75, v.metric === 'CLS' ? 3 : 0), good: round(v.good / v.count, 3) });
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
  // from awareness to consideration everywhere, and that is not a low point of this journey. Where
  // the journey ends (an order done, a thank-you page) nobody is expected to go on: never flagged.
  const going = cards.filter((c) => c.continuation !== null && c.sessions >= minSample);
  for (const stage of new Set(going.map((c) => c.stage))) {
    const peers = going.filter((c) => c.stage === stage);
    if (peers.length < 2) continue;
    const mean = peers.reduce((a, c) => a + c.continuation!, 0) / peers.length;
    for (const c of peers) {
      const delta = round(c.continuation! - mean, 3);
      if (delta <= -0.05 && !c.endOfJourney) downs.push({ stage: c.stage, touchpoint: c.touchpoint, kind: 'continuation', value: c.continuation!, delta });
    }
  }
  const worst = [
    ...downs.filter((d) => d.kind === 'emotion').sort((x, y) => x.delta - y.delta).slice(0, 3),
    ...downs.filter((d) => d.kind === 'continuation').sort((x, y) => x.delta - y.delta).slice(0, 3),
  ];
  for (const d of worst) cards.find((c) => c.stage === d.stage && c.touchpoint === d.touchpoint)?.downs.push(d.kind);
  return worst;
};
