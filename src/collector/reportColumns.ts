import { isBotUserAgent } from '../schema/bots';
import { VITAL_THRESHOLDS } from '../schema/vitals';
import type { StoredEvent } from './store';

/** The columns of a stored row that the report engine aggregates (see docs/COLLECTOR.md). */
export type ReportColumns = Pick<
  StoredEvent,
  | 'bot' | 'source' | 'sessionKey' | 'personKey' | 'orderId' | 'cartId' | 'checkoutId' | 'cartKey' | 'checkoutKey'
  | 'revenue' | 'currency' | 'submissionKey' | 'completed' | 'surveyType' | 'scaleMin' | 'scaleMax' | 'score'
  | 'comment' | 'commentKey' | 'reasons' | 'metric' | 'metricValue' | 'queueDepth' | 'battery'
>;

/** What {@link reportColumns} reads of an event. */
export interface ColumnInput {
  messageId: string;
  event: string | null;
  anonymousId: string | null;
  userId: string | null;
  sessionId: string | null;
  context: Record<string, unknown>;
  properties: Record<string, unknown>;
}

/** A finite number from a property (numeric strings too), or null. */
export const numberOf = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** A non-empty trimmed string from a property, or null. */
export const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Free text as the report counts it: spaces collapsed, trimmed, at most 280 characters. */
export const cleanText = (v: unknown): string | null => {
  const clean = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, 280) : '';
  return clean || null;
};

const rating = (event: string | null, p: Record<string, unknown>) => {
  if (event !== 'Feedback Submitted') return { surveyType: null, scaleMin: null, scaleMax: null, score: null };
  const surveyType = textOf(p.survey_type) ?? 'rating';
  const scaleMin = numberOf(p.scale_min) ?? (surveyType === 'nps' ? 0 : 1);
  const scaleMax = numberOf(p.scale_max) ?? (surveyType === 'nps' ? 10 : surveyType === 'ces' ? 7 : 5);
  const raw = numberOf(p.score);
  // A record without a usable score still wins its submission (and then is not counted).
  const usable = raw !== null && scaleMax > scaleMin && raw >= scaleMin && raw <= scaleMax && scaleMax - scaleMin <= 100;
  return { surveyType, scaleMin, scaleMax, score: usable ? raw : null };
};

const reasonsOf = (v: unknown): string | null => {
  if (!Array.isArray(v)) return null;
  const list = v.map(cleanText).filter((r): r is string => r !== null).slice(0, 50);
  return list.length ? JSON.stringify(list) : null;
};

const vital = (event: string | null, p: Record<string, unknown>) => {
  const metric = event === 'Web Vital Measured' ? textOf(p.metric)?.toUpperCase() : undefined;
  const value = numberOf(p.value);
  if (!metric || !Object.hasOwn(VITAL_THRESHOLDS, metric) || value === null) return { metric: null, metricValue: null };
  return { metric, metricValue: value };
};

/**
 * The report's columns of one event, computed once at ingest so the report aggregates plain
 * columns in SQL (no JSON parsing per query, the same on every engine).
 */
export const reportColumns = ({ messageId, event, anonymousId, userId, sessionId, context, properties: p }: ColumnInput): ReportColumns => {
  const personKey = anonymousId ?? userId ?? sessionId ?? messageId;
  const sessionKey = sessionId ?? `person:${personKey}`;
  const cartId = textOf(p.cart_id);
  const checkoutId = textOf(p.checkout_id);
  const isOrder = event === 'Order Completed';
  const comment = event === 'Feedback Submitted' ? cleanText(p.comment) : null;
  return {
    bot: isBotUserAgent(textOf(context.userAgent)),
    source: textOf(p.source),
    sessionKey,
    personKey,
    orderId: textOf(p.order_id) ?? (isOrder ? messageId : null),
    cartId,
    checkoutId,
    cartKey: cartId ?? `session:${sessionKey}`,
    checkoutKey: checkoutId ?? cartId ?? `session:${sessionKey}`,
    revenue: isOrder ? (numberOf(p.revenue) ?? numberOf(p.value) ?? numberOf(p.total)) : null,
    currency: isOrder ? (textOf(p.currency) ?? 'n/a').toUpperCase().slice(0, 10) : null,
    submissionKey: event === 'Feedback Submitted' ? (textOf(p.submission_id) ?? messageId) : null,
    completed: p.completed === true,
    ...rating(event, p),
    comment,
    commentKey: comment?.toLocaleLowerCase() ?? null,
    reasons: event === 'Feedback Submitted' ? reasonsOf(p.reasons) : null,
    ...vital(event, p),
    queueDepth: event === 'Kiosk Heartbeat' ? numberOf(p.queue_depth) : null,
    battery: event === 'Kiosk Heartbeat' ? numberOf(p.battery) : null,
  };
};
