import { answerGroup, GROUPS } from './answerGroup';
import { pointLabels } from './pointLabels';
import { reasons as tables } from './reasonTables';
import { SCALES, type Scale, type ScaleName } from './scales';
import { stringsFor, type RatingStrings } from './strings';
import type { ShowRatingOptions, SurveyType } from './types';

/** A follow-up with its defaults applied. */
export interface ResolvedFollowUp {
  question: string;
  /** Built-in reason ids or the shop's own reason texts: what `reasons` carries when picked. */
  reasons: readonly string[];
  comment: boolean;
}

/** A validated survey with every default applied: what the view and the events need. */
export interface ResolvedSurvey {
  id: string;
  scaleName: ScaleName;
  scale: Scale;
  type: SurveyType;
  lang: string;
  s: RatingStrings;
  question: string;
  /** One label per point, worst first. */
  labels: string[];
  autoSubmit: boolean;
  maxLength: number;
  /** The follow-up for a score, or undefined when none is asked. */
  followUp(score: number): ResolvedFollowUp | undefined;
}

/** The survey's language: its own, else the page's when built in (vi, en), else 'en'. */
export const surveyLang = (o: ShowRatingOptions): string => {
  const page = document.documentElement.lang;
  // An unknown page language with no strings would label English text wrongly: say 'en' then.
  return o.lang || (/^(vi|en)\b/i.test(page) ? page : 'en');
};

/** Apply the defaults to a validated survey (texts by language, labels, follow-ups). */
export const resolveSurvey = (o: ShowRatingOptions): ResolvedSurvey => {
  const scaleName = o.scale ?? 'emoji5';
  const scale = SCALES[scaleName];
  const lang = surveyLang(o);
  const s = stringsFor(lang, o.strings);
  const nps = scaleName == 'nps';
  const exit = o.trigger?.type == 'exitIntent';
  const set = o.reasonSet ?? (exit ? 'checkout' : o.orderId || o.trigger?.type == 'orderCompleted' ? 'order' : undefined);
  return {
    id: o.id,
    scaleName,
    scale,
    type: o.type ?? scale.type,
    lang,
    s,
    // NPS and CES have their own built-in question, keyed by their type.
    question: o.question ?? (s as any)[scale.type] ?? s.question,
    labels: pointLabels(scale, s, o.labels),
    autoSubmit: o.autoSubmit ?? true,
    maxLength: o.maxLength ?? 500,
    followUp(score) {
      const all = o.followUp;
      if (all === false) return;
      const g = answerGroup(score, scale.min, scale.max, nps);
      const i = GROUPS.indexOf(g) % 3;
      const f = all?.[g] ?? all?.[GROUPS[i]!];
      if (f === false) return;
      const reasons = f?.reasons ?? ((set && tables?.defaults[set][i > 1 ? 'positive' : 'negative']) || []);
      const comment = f?.comment ?? true;
      // At exit intent the follow-up of a negative or neutral answer asks what stopped them.
      const question = f?.question ?? (i > 1 ? s.better : exit ? s.exit : s.worse);
      if (comment || reasons[0]) return { question, reasons, comment };
    },
  };
};
