/**
 * Runs the alert rules every `intervalMs` over the store (SQL where the store has it): ratings of
 * the longest rule window (one row per submission), the latest heartbeat per kiosk and the cart /
 * checkout outcomes of each abandonment rule's window, from the report engine's aggregates.
 */
import type { EventStore } from '../store';
import { evaluateAlertRules, validateAlertRules, DEFAULT_ALERT_RULES, type AlertFacts, type AlertRule } from './alertRules';
import { createAlerts, type Alert, type AlertOptions, type Alerts } from './alerts';
import { emotionOf } from './ratings';
import { loadRatingRows } from './ratingRows';
import type { ReportParams } from './reportQueries';
import { memoryAggregates } from './memoryAggregates';

/** The collector's `report.alerts` option. */
export interface AlertRunnerOptions extends Omit<AlertOptions, 'fetch' | 'onError' | 'label'> {
  /** Rules. Default {@link DEFAULT_ALERT_RULES}. */
  rules?: AlertRule[];
  /** How often the rules run. Default 60 s. */
  intervalMs?: number;
  /**
   * Offset of the shop's local clock from UTC in minutes, to read "the last N hours" of cart
   * outcomes on the touchpoints' local clocks. Default: the collector machine's offset.
   */
  utcOffsetMinutes?: number;
}

/** The running rules and their alert book. */
export interface AlertRunner {
  readonly alerts: Alerts;
  /** Run the rules now; resolves with the alerts raised. */
  check(): Promise<Alert[]>;
  /** Stop the timer and the deliveries. */
  stop(): void;
}

const HOUR = 3_600_000;
const SLACK = 14 * HOUR;

/** Start the rules on a timer (unref'd: it never keeps the process alive). */
export const startAlertRunner = (
  store: EventStore,
  options: AlertRunnerOptions,
  env: { now: () => number; abandonmentWindowMs: number; label: AlertOptions['label']; onError: (e: unknown) => void; fetch?: typeof fetch },
): AlertRunner => {
  const rules = validateAlertRules(options.rules ?? [...DEFAULT_ALERT_RULES], 'report.alerts.rules');
  const { intervalMs = 60_000, utcOffsetMinutes = -new Date().getTimezoneOffset(), ...alertOptions } = options;
  if (!(intervalMs >= 10)) throw new TypeError('report.alerts.intervalMs must be at least 10 ms');
  if (options.webhook && !/^https?:\/\//.test(options.webhook.url)) throw new TypeError('report.alerts.webhook.url must be an http(s) URL');
  const alerts = createAlerts({ ...alertOptions, ...(env.label ? { label: env.label } : {}), onError: env.onError, ...(env.fetch ? { fetch: env.fetch } : {}) });
  const offset = utcOffsetMinutes * 60_000;

  const aggregates = async (hours: number, now: number) => {
    const params: ReportParams = { from: now + offset - hours * HOUR, to: now + offset + HOUR, channel: null, store: null, cutoff: now - env.abandonmentWindowMs, beatsFrom: now - 7 * 24 * HOUR - SLACK };
    if (store.aggregate) return store.aggregate(params);
    const [events, beats] = await Promise.all([store.query({ fromLocal: params.from, toLocal: params.to }), store.query({ events: ['Kiosk Heartbeat'], fromLocal: params.beatsFrom })]);
    return memoryAggregates(events, beats, { now, abandonmentWindowMs: env.abandonmentWindowMs });
  };

  const facts = async (now: number): Promise<AlertFacts> => {
    const hours = Math.max(1, ...rules.map((r) => ('windowHours' in r ? r.windowHours : 1)));
    const params: ReportParams = { from: now - hours * HOUR - SLACK, to: now + SLACK, channel: null, store: null, cutoff: now, beatsFrom: now };
    const ratings = (await loadRatingRows(store, params)).filter((r) => r.timestamp >= now - hours * HOUR && r.timestamp <= now + HOUR);
    const base = await aggregates(1, now);
    return {
      ratings: ratings.map((r) => ({ id: r.id, storeId: r.storeId, deviceId: r.deviceId, touchpoint: r.touchpoint, channel: r.channel, score: r.score, min: r.min, emotion: emotionOf(r), timestamp: r.timestamp })),
      kiosks: base.kiosks.map((k) => ({ storeId: k.storeId, deviceId: k.deviceId, lastSeen: k.timestamp })),
      outcomes: [],
    };
  };

  const check = async (): Promise<Alert[]> => {
    const now = env.now();
    const candidates = evaluateAlertRules(rules.filter((r) => r.kind !== 'abandonment_rate'), await facts(now), now);
    for (const rule of rules) {
      if (rule.kind !== 'abandonment_rate') continue;
      // Outcomes of carts and checkouts active in the rule's window, each standing for one that ended now.
      const a = await aggregates(rule.windowHours, now);
      const outcomes = a.outcomes.flatMap((o) => Array.from({ length: o.count }, () => ({ kind: o.kind, status: o.status, endedAt: now })));
      candidates.push(...evaluateAlertRules([rule], { ratings: [], kiosks: [], outcomes }, now));
    }
    return alerts.update(candidates, now);
  };

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch(env.onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref?.();
  return {
    alerts,
    check,
    stop: () => {
      clearInterval(timer);
      alerts.close();
    },
  };
};
