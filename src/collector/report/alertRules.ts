/**
 * Alert rules and their evaluation over recent facts (pure: the caller gathers the facts).
 *
 * - `negative_share`: the share of negative ratings (emotion ≤ 35: 1–2 of 1–5 or 1–4, 0–3 of 0–10,
 *   1–3 of 1–7, thumbs down) at a touchpoint or a store in the last `windowHours` is above
 *   `threshold`, with at least `minCount` ratings there.
 * - `low_rating`: a single rating at a kiosk in the lowest two points of its scale (1–2).
 * - `kiosk_silent`: a kiosk's last heartbeat is more than `minutes` old.
 * - `abandonment_rate`: abandoned / (ordered + abandoned) carts or checkouts that ended in the
 *   last `windowHours` is above `threshold`, with at least `minCount` ended.
 */

/** Emotion at or below which a rating is negative. */
export const NEGATIVE_EMOTION = 35;

/** A configured rule. */
export type AlertRule =
  | { kind: 'negative_share'; threshold: number; windowHours: number; minCount: number; by?: 'touchpoint' | 'store' }
  | { kind: 'low_rating' }
  | { kind: 'kiosk_silent'; minutes: number }
  | { kind: 'abandonment_rate'; threshold: number; windowHours: number; minCount: number; step?: 'cart' | 'checkout' };

/** Default rules: what a shop would switch on first. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { kind: 'negative_share', threshold: 0.4, windowHours: 3, minCount: 10, by: 'touchpoint' },
  { kind: 'low_rating' },
  { kind: 'kiosk_silent', minutes: 30 },
  { kind: 'abandonment_rate', threshold: 0.85, windowHours: 24, minCount: 20, step: 'checkout' },
];

/** Recent facts the rules read. */
export interface AlertFacts {
  ratings: { id: string; storeId: string | null; deviceId: string | null; touchpoint: string | null; channel: string | null; score: number; min: number; emotion: number; timestamp: number }[];
  kiosks: { storeId: string | null; deviceId: string; lastSeen: number }[];
  outcomes: { kind: 'cart' | 'checkout'; status: 'ordered' | 'abandoned' | 'open'; endedAt: number }[];
}

/** Where an alert applies. */
export interface AlertScope {
  storeId?: string;
  deviceId?: string;
  touchpoint?: string;
  step?: 'cart' | 'checkout';
}

/** A rule that holds now. */
export interface AlertCandidate {
  /** Stable id of rule + scope (`negative_share:touchpoint:checkout`). */
  key: string;
  kind: AlertRule['kind'];
  scope: AlertScope;
  /** The measured share or minutes, or the score of a low rating. */
  value: number;
  threshold?: number;
  /** Ratings or outcomes behind it. */
  count: number;
  /**
   * Evidence that makes it a new alert rather than the same one: the ids of low ratings, the
   * last heartbeat of a silent kiosk. Condition rules (shares, rates) have none: they are one alert
   * for as long as they hold.
   */
  evidence: string[];
}

const HOUR = 3_600_000;

const negativeShare = (rule: Extract<AlertRule, { kind: 'negative_share' }>, facts: AlertFacts, now: number): AlertCandidate[] => {
  const by = rule.by ?? 'touchpoint';
  const groups = new Map<string, { n: number; negative: number }>();
  for (const r of facts.ratings) {
    const scope = by === 'store' ? r.storeId : r.touchpoint;
    if (!scope || r.timestamp < now - rule.windowHours * HOUR) continue;
    const g = groups.get(scope) ?? { n: 0, negative: 0 };
    g.n += 1;
    if (r.emotion <= NEGATIVE_EMOTION) g.negative += 1;
    groups.set(scope, g);
  }
  return [...groups]
    .filter(([, g]) => g.n >= rule.minCount && g.negative / g.n > rule.threshold)
    .map(([scope, g]) => ({
      key: `negative_share:${by}:${scope}`,
      kind: 'negative_share' as const,
      scope: by === 'store' ? { storeId: scope } : { touchpoint: scope },
      value: g.negative / g.n,
      threshold: rule.threshold,
      count: g.n,
      evidence: [],
    }));
};

const lowRatings = (facts: AlertFacts): AlertCandidate[] =>
  facts.ratings
    .filter((r) => r.channel === 'kiosk' && r.score - r.min <= 1)
    .map((r) => ({
      key: `low_rating:${r.storeId ?? ''}/${r.deviceId ?? ''}`,
      kind: 'low_rating' as const,
      scope: { ...(r.storeId ? { storeId: r.storeId } : {}), ...(r.deviceId ? { deviceId: r.deviceId } : {}), ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}) },
      value: r.score,
      count: 1,
      evidence: [r.id],
    }));

const silentKiosks = (rule: Extract<AlertRule, { kind: 'kiosk_silent' }>, facts: AlertFacts, now: number): AlertCandidate[] =>
  facts.kiosks
    .filter((k) => now - k.lastSeen > rule.minutes * 60_000)
    .map((k) => ({
      key: `kiosk_silent:${k.storeId ?? ''}/${k.deviceId}`,
      kind: 'kiosk_silent' as const,
      scope: { ...(k.storeId ? { storeId: k.storeId } : {}), deviceId: k.deviceId },
      value: Math.floor((now - k.lastSeen) / 60_000),
      threshold: rule.minutes,
      count: 1,
      evidence: [String(k.lastSeen)],
    }));

const abandonment = (rule: Extract<AlertRule, { kind: 'abandonment_rate' }>, facts: AlertFacts, now: number): AlertCandidate[] => {
  const step = rule.step ?? 'checkout';
  const ended = facts.outcomes.filter((o) => o.kind === step && o.status !== 'open' && o.endedAt >= now - rule.windowHours * HOUR);
  const abandoned = ended.filter((o) => o.status === 'abandoned').length;
  if (ended.length < rule.minCount || abandoned / ended.length <= rule.threshold) return [];
  return [{ key: `abandonment_rate:${step}`, kind: 'abandonment_rate', scope: { step }, value: abandoned / ended.length, threshold: rule.threshold, count: ended.length, evidence: [] }];
};

/** Every rule that holds now, one candidate per rule and scope (per rating for `low_rating`). */
export const evaluateAlertRules = (rules: readonly AlertRule[], facts: AlertFacts, now: number): AlertCandidate[] =>
  rules.flatMap((rule) => {
    switch (rule.kind) {
      case 'negative_share':
        return negativeShare(rule, facts, now);
      case 'low_rating':
        return lowRatings(facts);
      case 'kiosk_silent':
        return silentKiosks(rule, facts, now);
      case 'abandonment_rate':
        return abandonment(rule, facts, now);
    }
  });

const isShare = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
const isPositive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Check configured rules at set-up. Throws a TypeError naming the bad option. */
export const validateAlertRules = (rules: unknown, option = 'alerts.rules'): AlertRule[] => {
  if (!Array.isArray(rules)) throw new TypeError(`${option} must be an array of rules`);
  return rules.map((rule: Record<string, unknown>, i) => {
    const at = `${option}[${i}]`;
    const need = (name: string, ok: (x: unknown) => boolean, what: string) => {
      if (!ok(rule[name])) throw new TypeError(`${at}.${name} must be ${what}`);
    };
    switch (rule?.kind) {
      case 'negative_share':
      case 'abandonment_rate':
        need('threshold', isShare, 'a share between 0 and 1');
        need('windowHours', isPositive, 'a positive number of hours');
        need('minCount', (x) => Number.isInteger(x) && (x as number) >= 1, 'a whole number ≥ 1');
        if (rule.kind === 'negative_share' && rule.by !== undefined && rule.by !== 'touchpoint' && rule.by !== 'store') throw new TypeError(`${at}.by must be "touchpoint" or "store"`);
        if (rule.kind === 'abandonment_rate' && rule.step !== undefined && rule.step !== 'cart' && rule.step !== 'checkout') throw new TypeError(`${at}.step must be "cart" or "checkout"`);
        return rule as AlertRule;
      case 'low_rating':
        return rule as AlertRule;
      case 'kiosk_silent':
        need('minutes', isPositive, 'a positive number of minutes');
        return rule as AlertRule;
      default:
        throw new TypeError(`${at}.kind must be negative_share, low_rating, kiosk_silent or abandonment_rate`);
    }
  });
};
