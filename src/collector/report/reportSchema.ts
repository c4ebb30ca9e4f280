/**
 * The shape of `/report.json`, version {@link REPORT_VERSION}: a zod schema (strict objects, so a
 * field added without being described here fails the test that parses a real report) and the JSON
 * Schema made from it, served at `/report.schema.json`.
 */
import { z } from 'zod';
import { REPORT_VERSION } from './buildCxReport';

const num = z.number();
const nullableNum = z.number().nullable();
const str = z.string();

const Estimate = z.strictObject({
  value: num.describe('point estimate (share 0–1, NPS −100…100, mean on its scale)'),
  low: num.describe('lower bound of the 95 % interval'),
  high: num.describe('upper bound of the 95 % interval'),
  se: num.describe('standard error'),
  n: num.describe('answers behind the figure'),
  directional: z.boolean().describe('fewer answers than minSample'),
});
const Delta = z.strictObject({ current: nullableNum, previous: nullableNum, delta: nullableNum, beyondNoise: z.boolean() });
const Scale = z.strictObject({
  surveyType: str,
  min: num,
  max: num,
  count: num,
  average: num,
  distribution: z.array(z.strictObject({ score: num, count: num })),
  csat: num.optional(),
  nps: num.optional(),
  ces: num.optional(),
});
const Vital = z.strictObject({ name: str, count: num, p75: num, good: num });
const Card = z.strictObject({
  touchpoint: str,
  stage: str,
  channels: z.array(str),
  sessions: num,
  continued: num,
  continuation: nullableNum,
  exits: num,
  abandoned: num,
  ratings: z.strictObject({ count: num, emotion: num, scales: z.array(Scale) }).nullable(),
  comments: z.array(z.strictObject({ text: str, count: num })),
  reasons: z.array(z.strictObject({ id: str, text: str, count: num })),
  vitals: z.array(Vital),
  endOfJourney: z.boolean(),
  downs: z.array(z.enum(['emotion', 'continuation'])),
});
const Abandonment = z.strictObject({ started: num, ordered: num, abandoned: num, sdk: num, derived: num, open: num, rate: nullableNum });
const Alert = z.strictObject({
  id: str,
  key: str,
  kind: z.enum(['negative_share', 'low_rating', 'kiosk_silent', 'abandonment_rate']),
  scope: z.strictObject({ storeId: str.optional(), deviceId: str.optional(), touchpoint: str.optional(), step: z.enum(['cart', 'checkout']).optional() }),
  value: num,
  threshold: num.optional(),
  count: num,
  openedAt: num,
  updatedAt: num,
  acknowledgedAt: nullableNum,
  delivery: z.strictObject({ status: z.enum(['pending', 'delivered', 'failed', 'debounced', 'off']), attempts: num, error: str.optional() }),
});

/** `/report.json` as a zod schema. */
export const ReportJson = z
  .strictObject({
    version: z.literal(REPORT_VERSION),
    generatedAt: str,
    filter: z.strictObject({ from: str, to: str.nullable(), channel: str.nullable(), store: str.nullable(), lang: z.enum(['en', 'vi']) }),
    stores: z.array(str),
    totals: z.strictObject({ events: num, sessions: num, ratings: num, orders: num, revenue: z.record(str, num), botEvents: num }),
    cardCap: num,
    stages: z.array(
      z.strictObject({ stage: str, sessions: num, continuation: nullableNum, touchpoints: z.array(Card), others: z.strictObject({ touchpoints: num, sessions: num }).nullable() }),
    ),
    downs: z.array(z.strictObject({ stage: str, touchpoint: str, kind: z.enum(['emotion', 'continuation']), value: num, delta: num })),
    funnel: z.strictObject({
      steps: z.array(z.strictObject({ key: z.enum(['sessions', 'viewed', 'cart', 'checkout', 'order']), sessions: num, rate: nullableNum })),
      cart: Abandonment,
      checkout: Abandonment,
    }),
    kioskHours: z.array(z.strictObject({ hour: num, count: num, emotion: nullableNum })),
    vitals: z.array(z.strictObject({ touchpoint: str, metrics: z.array(Vital) })),
    kiosks: z.array(
      z.strictObject({ storeId: str.nullable(), deviceId: str, lastSeen: str, minutesAgo: num, queueDepth: num.optional(), battery: num.optional(), silent: z.boolean() }),
    ),
    minSample: num,
    labels: z.record(str, str),
    places: z.array(
      z.strictObject({
        stage: str,
        touchpoint: str,
        emotion: Estimate.nullable(),
        web: Estimate.nullable(),
        store: Estimate.nullable(),
        csat: Estimate.nullable(),
        nps: Estimate.nullable(),
        ces: Estimate.nullable(),
        continuation: Estimate.nullable(),
      }),
    ),
    themes: z.array(
      z.strictObject({ key: str, label: str, count: num, emotion: nullableNum, examples: z.array(z.strictObject({ text: str, count: num, emotion: nullableNum })) }),
    ),
    heatmap: z.array(
      z.strictObject({
        storeId: str,
        cells: z.array(z.strictObject({ storeId: str, weekday: num, hour: num, count: num, emotionSum: num })),
        openingHours: z.array(z.array(num)).nullable().describe('per weekday (Monday first), open minutes of each hour'),
      }),
    ),
    comparison: z
      .strictObject({
        from: str,
        to: str,
        sessions: Delta,
        orders: Delta,
        ratings: Delta,
        emotion: Delta,
        cartAbandonment: Delta,
        checkoutAbandonment: Delta,
        touchpoints: z.array(z.strictObject({ stage: str, touchpoint: str, emotion: Delta, continuation: Delta, csat: Delta })),
      })
      .nullable(),
    alerts: z.array(Alert),
  })
  .describe('touchpoint emotional journey report');

/** The JSON Schema (draft 2020-12) of `/report.json`, served at `/report.schema.json`. */
export const REPORT_JSON_SCHEMA = { title: `touchpoint /report.json, version ${REPORT_VERSION}`, ...z.toJSONSchema(ReportJson) };
