import { JOURNEY_STAGES } from '../core/limits';
import { SCALE_NAMES, SCALES, SURVEY_TYPES } from './scales';
import type { ShowRatingOptions } from './types';

/** Throw the set-up error: the field's name, and what it may be when that is short to say. */
const bad = (field: string, want: unknown = ''): never => {
  throw new TypeError(`touchpoint rating: invalid "${field}" ${want}`);
};
const oneOf = (o: any, k: string, list: readonly unknown[], at = '') =>
  o[k] === undefined || list.includes(o[k]) || bad(at + k, list);
const range = (o: any, k: string, lo: number, hi: number, at = '') =>
  o[k] === undefined || (typeof o[k] == 'number' && o[k] >= lo && o[k] <= hi) || bad(at + k, [lo, hi]);
const texts = (v: unknown, n?: number) =>
  Array.isArray(v) && (!n || v.length == n) && v.every((x) => x && typeof x == 'string');

/**
 * Check a survey definition and its options at set-up. Throws a `TypeError` naming the bad field
 * (the only place the widget throws: a programmer mistake, caught before anything shows).
 * Hand-written rather than zod so the widget chunk stays small; a unit test checks that the
 * events of valid surveys pass the collector's zod schemas.
 */
export const validateSurvey = (o: ShowRatingOptions): void => {
  (o && typeof o == 'object') || bad('options');
  /^[\w.:-]{1,100}$/.test(typeof o.id == 'string' ? o.id : '') || bad('id', '1-100 of [A-Za-z0-9_.:-]');
  oneOf(o, 'scale', SCALE_NAMES);
  oneOf(o, 'type', SURVEY_TYPES);
  oneOf(o, 'presentation', ['inline', 'floating']);
  oneOf(o, 'journeyStage', JOURNEY_STAGES);
  range(o, 'maxLength', 1, 2000);
  range(o, 'sampleRate', 0, 1);
  range(o, 'cooldownDays', 0, 3650);
  range(o, 'maxIgnored', 1, 1000);
  range(o, 'thanksMs', 0, 6e4);
  for (const k of ['question', 'lang', 'touchpoint', 'productId', 'orderId'] as const)
    o[k] === undefined || (typeof o[k] == 'string' && o[k].length <= 500) || bad(k, 'text');
  const { min, max } = SCALES[o.scale ?? 'emoji5'];
  const n = max - min + 1;
  if (o.type == 'csat' && n != 5) bad('type', 'csat needs 5 points');
  if (o.labels && !texts(o.labels, n)) bad('labels', n);
  const f: any = o.followUp;
  if (f !== undefined && f !== false && typeof f != 'object') bad('followUp');
  for (const g in f)
    if (!/^(negative|neutral|positive|detractor|passive|promoter)$/.test(g) || (f[g] !== false && (typeof f[g] != 'object' || (f[g].reasons && !texts(f[g].reasons)))))
      bad(`followUp.${g}`);
  const t: any = o.trigger;
  if (t !== undefined) {
    oneOf(t ? t : 0, 'type', ['manual', 'orderCompleted', 'event', 'delay', 'exitIntent'], 'trigger.');
    if (!t?.type) bad('trigger.type');
    if (t.type == 'event' && !t.event) bad('trigger.event');
    range(t.type == 'delay' ? { seconds: -1, ...t } : t, 'seconds', 0, 86400, 'trigger.');
    range(t, 'delay', 0, 86400, 'trigger.');
  }
};
