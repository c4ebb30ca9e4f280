/**
 * Alerts: the book of raised alerts and their delivery to a webhook.
 *
 * Each alert is raised once. A condition (a share or rate above its threshold) is one alert for as
 * long as it holds; it can be raised again only after it stopped holding. A low rating or a
 * silence is identified by its evidence (the rating's id, the kiosk's last heartbeat), so each is
 * raised once; more evidence for an alert still open is added to it instead of raising another.
 * Debounce: a key (rule + scope) sends at most one webhook message per `debounceMs`; alerts raised
 * inside that time are listed in the report but not sent again.
 *
 * Delivery: `POST` of a JSON body with a Slack-compatible `text`, retried on network errors, 408,
 * 429 and 5xx with exponential back-off and jitter, at most `retries` times; other answers fail
 * the delivery at once (told to `onError`). The book lives in memory: after a restart a condition
 * that still holds is raised again.
 */
import { randomUUID } from 'node:crypto';
import type { AlertCandidate, AlertRule, AlertScope } from './alertRules';
import type { Lang } from './reportFilter';

/** A raised alert. */
export interface Alert extends Omit<AlertCandidate, 'evidence'> {
  id: string;
  openedAt: number;
  updatedAt: number;
  /** When staff acknowledged it; null while open. */
  acknowledgedAt: number | null;
  /** Webhook delivery: `off` without a webhook, `debounced` when the key sent one recently. */
  delivery: { status: 'pending' | 'delivered' | 'failed' | 'debounced' | 'off'; attempts: number; error?: string };
}

/** Where alerts go. */
export interface AlertWebhook {
  url: string;
  /** Extra request headers (an authorisation for your receiver). */
  headers?: Record<string, string>;
}

/** Options of {@link createAlerts}. */
export interface AlertOptions {
  webhook?: AlertWebhook | undefined;
  /** Shortest time between two webhook messages of one rule and scope. Default 30 min. */
  debounceMs?: number;
  /** Delivery attempts after the first. Default 6. */
  retries?: number;
  /** First retry delay, doubled each time (with ±20 % jitter), capped at 5 min. Default 2 s. */
  backoffMs?: number;
  /** Language of the webhook's `text`. Default `en`. */
  lang?: Lang;
  /** Touchpoint label in a language. Default: the id. */
  label?: (touchpoint: string, lang: Lang) => string;
  /** Link to the report put in the message. */
  reportUrl?: string;
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
}

/** The alert book. */
export interface Alerts {
  /** Apply the rules' current candidates; returns the alerts raised now. */
  update(candidates: readonly AlertCandidate[], now: number): Alert[];
  /** Alerts not acknowledged yet, newest first. */
  open(): Alert[];
  /** Acknowledge an alert; false when unknown or already acknowledged. */
  acknowledge(id: string, now: number): boolean;
  /** Resolves when every delivery under way has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Stop retrying. */
  close(): void;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The alert as one sentence (Slack-compatible `text`). */
export const alertText = (a: Pick<Alert, 'kind' | 'scope' | 'value' | 'threshold' | 'count'>, lang: Lang, label: (tp: string, lang: Lang) => string = (tp) => tp): string => {
  const where = [a.scope.touchpoint ? label(a.scope.touchpoint, lang) : '', a.scope.storeId ?? '', a.scope.deviceId ?? ''].filter(Boolean).join(' · ');
  const vi = lang === 'vi';
  switch (a.kind) {
    case 'negative_share':
      return vi
        ? `⚠️ Nhiều đánh giá tiêu cực tại ${where}: ${pct(a.value)} trong ${a.count} lượt (ngưỡng ${pct(a.threshold ?? 0)})`
        : `⚠️ Negative ratings at ${where}: ${pct(a.value)} of ${a.count} (threshold ${pct(a.threshold ?? 0)})`;
    case 'low_rating':
      return vi ? `⚠️ Đánh giá thấp tại kiosk ${where}: ${a.value} điểm (${a.count} lượt)` : `⚠️ Low kiosk rating at ${where}: score ${a.value} (${a.count} so far)`;
    case 'kiosk_silent':
      return vi ? `⚠️ Kiosk ${where} mất tín hiệu ${a.value} phút` : `⚠️ Kiosk ${where} silent for ${a.value} min`;
    case 'abandonment_rate':
      return vi
        ? `⚠️ Tỷ lệ bỏ dở ${a.scope.step === 'cart' ? 'giỏ hàng' : 'thanh toán'} ${pct(a.value)} trên ${a.count} (ngưỡng ${pct(a.threshold ?? 0)})`
        : `⚠️ ${a.scope.step === 'cart' ? 'Cart' : 'Checkout'} abandonment ${pct(a.value)} of ${a.count} (threshold ${pct(a.threshold ?? 0)})`;
  }
};

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** Create the alert book and its webhook delivery. */
export const createAlerts = (options: AlertOptions = {}): Alerts => {
  const { webhook, debounceMs = 30 * 60_000, retries = 6, backoffMs = 2000, lang = 'en', label, reportUrl, onError } = options;
  const fetchFn = options.fetch ?? fetch;
  const alerts: Alert[] = [];
  const seenEvidence = new Set<string>();
  let holding = new Set<string>();
  const lastSent = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  let closed = false;
  const tell = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // a failing hook must not stop alerting
    }
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timer.unref?.();
      timers.set(timer, resolve);
    });

  const body = (a: Alert) =>
    JSON.stringify({
      id: a.id,
      kind: a.kind,
      text: `${alertText(a, lang, label)}${reportUrl ? ` <${reportUrl}|${lang === 'vi' ? 'Xem báo cáo' : 'Open the report'}>` : ''}`,
      texts: { en: alertText(a, 'en', label), vi: alertText(a, 'vi', label) },
      scope: a.scope,
      value: a.value,
      ...(a.threshold === undefined ? {} : { threshold: a.threshold }),
      count: a.count,
      openedAt: new Date(a.openedAt).toISOString(),
      ...(reportUrl ? { report: reportUrl } : {}),
    });

  const deliver = async (a: Alert, hook: AlertWebhook) => {
    for (let attempt = 0; attempt <= retries && !closed; attempt++) {
      if (attempt) await sleep(Math.min(300_000, backoffMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4));
      if (closed) break;
      a.delivery.attempts = attempt + 1;
      try {
        const res = await fetchFn(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...hook.headers }, body: body(a), signal: AbortSignal.timeout(10_000) });
        if (res.ok) {
          a.delivery.status = 'delivered';
          return;
        }
        a.delivery.error = `HTTP ${res.status}`;
        if (!retryable(res.status)) break;
      } catch (error) {
        a.delivery.error = (error as Error).message?.slice(0, 200) ?? 'network error';
      }
    }
    a.delivery.status = 'failed';
    tell(new Error(`alert ${a.id} (${a.kind}) not delivered: ${a.delivery.error ?? 'stopped'}`));
  };

  const send = (a: Alert, now: number) => {
    if (!webhook) return;
    if (now - (lastSent.get(a.key) ?? -Infinity) < debounceMs) {
      a.delivery.status = 'debounced';
      return;
    }
    lastSent.set(a.key, now);
    a.delivery.status = 'pending';
    const p = deliver(a, webhook).finally(() => pending.delete(p));
    pending.add(p);
  };

  const raise = (c: AlertCandidate, count: number, now: number): Alert => {
    const a: Alert = {
      id: randomUUID(),
      key: c.key,
      kind: c.kind,
      scope: c.scope,
      value: c.value,
      ...(c.threshold === undefined ? {} : { threshold: c.threshold }),
      count,
      openedAt: now,
      updatedAt: now,
      acknowledgedAt: null,
      delivery: { status: 'off', attempts: 0 },
    };
    alerts.push(a);
    send(a, now);
    return a;
  };

  return {
    update(candidates, now) {
      const raised: Alert[] = [];
      const nowHolding = new Set<string>();
      for (const c of candidates) {
        const open = alerts.find((a) => a.key === c.key && a.acknowledgedAt === null);
        if (c.evidence.length) {
          const fresh = c.evidence.filter((id) => !seenEvidence.has(`${c.key}\u0000${id}`));
          if (!fresh.length) continue;
          for (const id of fresh) seenEvidence.add(`${c.key}\u0000${id}`);
          if (open) Object.assign(open, { count: open.count + fresh.length, value: c.value, updatedAt: now });
          else raised.push(raise(c, fresh.length, now));
          continue;
        }
        nowHolding.add(c.key);
        if (open) Object.assign(open, { value: c.value, count: c.count, updatedAt: now });
        else if (!holding.has(c.key)) raised.push(raise(c, c.count, now));
      }
      holding = nowHolding;
      // Acknowledged alerts are kept a week for the record, then forgotten.
      for (let i = alerts.length - 1; i >= 0; i--) if (alerts[i]!.acknowledgedAt !== null && now - alerts[i]!.acknowledgedAt! > 7 * 86_400_000) alerts.splice(i, 1);
      return raised;
    },
    open: () => alerts.filter((a) => a.acknowledgedAt === null).sort((a, b) => b.openedAt - a.openedAt),
    acknowledge(id, now) {
      const a = alerts.find((x) => x.id === id);
      if (!a || a.acknowledgedAt !== null) return false;
      a.acknowledgedAt = now;
      return true;
    },
    idle: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    close() {
      closed = true;
      // Wake every waiting retry so it sees `closed` and ends.
      for (const [t, wake] of timers) {
        clearTimeout(t);
        wake();
      }
      timers.clear();
    },
  };
};
