import { JOURNEY_STAGES } from '../core/limits';
import { GROUPS } from './answerGroup';
import { SCALE_NAMES, SCALES, SURVEY_TYPES } from './scales';
import type { AnswerGroup, ShowRatingOptions } from './types';

/** Throw the set-up error naming the field. */
const bad = (field: string): never => {
  throw new TypeError(`touchpoint rating: invalid "${field}"`);
};
/** Check `o[k]` when present: one of `test` (a list), else within [test, hi]; `at` prefixes the name. */
const check = (o: any, k: string, test: number | readonly unknown[], hi?: number, at = '') => {
  const v = o[k];
  v === undefined ||
    (Array.isArray(test) ? test.includes(v) : typeof v == 'number' && v >= (test as number) && v <= hi!) ||
    bad(at + k);
};
const texts = (v: unknown, n?: number) =>
  Array.isArray(v) && (!n || v.length == n) && v.every((x) => x && typeof x == 'string');

/**
 * Check a survey definition and its options at set-up. Throws a `TypeError` naming the bad field
 * (the only place the widget throws: a programmer mistake, caught before anything shows).
 * Hand-written rather than zod so the widget chunk stays small; a unit test checks that the
 * events of valid surveys pass the collector's zod schemas.
 */
export const validateSurvey = (o: ShowRatingOptions): void => {
  o || bad('options');
  (typeof o.id == 'string' && /^[\w.:-]{1,100}$/.test(o.id)) || bad('id');
  check(o, 'scale', SCALE_NAMES);
  check(o, 'type', SURVEY_TYPES);
  check(o, 'presentation', ['inline', 'floating']);
  check(o, 'reasonSet', ['checkout', 'order', 'kiosk', false]);
  check(o, 'journeyStage', JOURNEY_STAGES);
  check(o, 'maxLength', 1, 2e3);
  check(o, 'sampleRate', 0, 1);
  check(o, 'cooldownDays', 0, 3650);
  check(o, 'maxIgnored', 1, 1e3);
  check(o, 'thanksMs', 0, 6e4);
  for (const k of ['question', 'lang', 'touchpoint', 'productId', 'orderId'] as const)
    o[k] === undefined || (typeof o[k] == 'string' && o[k].length <= 500) || bad(k);
  const { min, max } = SCALES[o.scale ?? 'emoji5'];
  const n = max - min + 1;
  if (o.type == 'csat' && n != 5) bad('type');
  if (o.labels && !texts(o.labels, n)) bad('labels');
  const f: any = o.followUp;
  if (f !== undefined && f !== false && typeof f != 'object') bad('followUp');
  for (const g in f)
    if (!GROUPS.includes(g as AnswerGroup) || (f[g] !== false && (typeof f[g] != 'object' || (f[g].reasons && !texts(f[g].reasons)))))
      bad('followUp.' + g);
  const t: any = o.trigger;
  if (t !== undefined) {
    t?.type || bad('trigger.type');
    check(t, 'type', ['manual', 'orderCompleted', 'event', 'delay', 'exitIntent'], 0, 'trigger.');
    if (t.type == 'event' && !t.event) bad('trigger.event');
    check(t.type == 'delay' ? { seconds: -1, ...t } : t, 'seconds', 0, 86400, 'trigger.');
    check(t, 'delay', 0, 86400, 'trigger.');
  }
};
