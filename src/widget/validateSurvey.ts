import { SCALE_NAMES, SCALES, SURVEY_TYPES, type ScaleName } from './scales';
import type { ShowRatingOptions } from './types';

const fail = (field: string, why: string): never => {
  throw new TypeError(`touchpoint rating: "${field}" ${why}`);
};
const str = (v: unknown, field: string, max = 500) =>
  v === undefined || (typeof v == 'string' && v.length <= max) || fail(field, `must be a string of at most ${max} characters`);
const num = (v: unknown, field: string, lo: number, hi: number) =>
  v === undefined || (typeof v == 'number' && v >= lo && v <= hi) || fail(field, `must be a number from ${lo} to ${hi}`);
const strs = (v: unknown, field: string, len?: number) =>
  v === undefined ||
  (Array.isArray(v) && v.every((x) => typeof x == 'string' && x && x.length <= 200) && (len === undefined || v.length === len)) ||
  fail(field, `must be ${len ? len + ' ' : 'an array of '}non-empty strings${len ? ' (one per point)' : ''}`);

/**
 * Check a survey definition and its options at set-up. Throws a `TypeError` naming the bad field
 * (this is the only place the widget throws: a programmer mistake, caught before anything shows).
 * Hand-written rather than zod so the widget chunk stays small.
 */
export const validateSurvey = (o: ShowRatingOptions): void => {
  if (!o || typeof o != 'object') fail('options', 'must be an object');
  if (typeof o.id != 'string' || !/^[\w.:-]{1,100}$/.test(o.id)) fail('id', 'must be 1-100 characters of A-Z a-z 0-9 _ . : -');
  const name = o.scale ?? 'emoji5';
  if (!SCALE_NAMES.includes(name)) fail('scale', `must be one of ${SCALE_NAMES.join(', ')}`);
  const scale = SCALES[name as ScaleName];
  if (o.type !== undefined) {
    if (!SURVEY_TYPES.includes(o.type)) fail('type', `must be one of ${SURVEY_TYPES.join(', ')}`);
    if (o.type == 'csat' && (scale.min != 1 || scale.max != 5)) fail('type', '"csat" needs a 1-5 scale (emoji5 or stars)');
  }
  str(o.question, 'question');
  str(o.lang, 'lang', 35);
  strs(o.labels, 'labels', scale.max - scale.min + 1);
  const f = o.followUp;
  if (f !== undefined && f !== false) {
    if (typeof f != 'object' || !f) fail('followUp', 'must be false or an object by answer group');
    for (const [k, v] of Object.entries(f)) {
      if (!/^(negative|neutral|positive|detractor|passive|promoter)$/.test(k)) fail(`followUp.${k}`, 'is not an answer group');
      if (v === false) continue;
      if (!v || typeof v != 'object') fail(`followUp.${k}`, 'must be false or an object');
      str(v.question, `followUp.${k}.question`);
      strs(v.reasons, `followUp.${k}.reasons`);
    }
  }
  num(o.maxLength, 'maxLength', 1, 2000);
  num(o.sampleRate, 'sampleRate', 0, 1);
  num(o.cooldownDays, 'cooldownDays', 0, 3650);
  num(o.maxIgnored, 'maxIgnored', 1, 1000);
  num(o.thanksMs, 'thanksMs', 0, 60000);
  if (o.presentation !== undefined && o.presentation != 'inline' && o.presentation != 'floating')
    fail('presentation', 'must be "inline" or "floating"');
  if (o.container !== undefined && !(o.container instanceof Element)) fail('container', 'must be an Element');
  str(o.touchpoint, 'touchpoint', 200);
  str(o.productId, 'productId', 200);
  str(o.orderId, 'orderId', 200);
  if (o.strings !== undefined && (typeof o.strings != 'object' || !o.strings)) fail('strings', 'must be an object');
  // Loosely typed on purpose: script-tag users pass anything.
  const t = o.trigger as { type?: string; event?: string; seconds?: number; subscribe?: unknown; delay?: number } | undefined;
  if (t !== undefined) {
    const ty = t && t.type;
    if (ty == 'event') str(t.event || 0, 'trigger.event', 200);
    else if (ty == 'delay') num(t.seconds ?? -1, 'trigger.seconds', 0, 86400);
    else if (ty == 'exitIntent') t.subscribe === undefined || typeof t.subscribe == 'function' || fail('trigger.subscribe', 'must be a function');
    else if (ty != 'manual' && ty != 'orderCompleted') fail('trigger.type', 'must be manual, orderCompleted, event, delay or exitIntent');
    if ((ty == 'event' || ty == 'orderCompleted') && t.delay !== undefined) num(t.delay, 'trigger.delay', 0, 86400);
  }
  for (const k of ['when', 'onClose'] as const) o[k] === undefined || typeof o[k] == 'function' || fail(k, 'must be a function');
};
