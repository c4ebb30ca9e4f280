import { num, text, type ReportRow } from './reportRows';

/** One rating, counted once: the latest record of its `submission_id` wins. */
export interface Submission {
  row: ReportRow;
  surveyType: string;
  score: number;
  min: number;
  max: number;
  /** Score mapped onto 0–100 (min → 0, max → 100), comparable across scales. */
  emotion: number;
  comment?: string;
  reasons: string[];
}

/** Rating summary of one scale (survey type + min + max) at a touchpoint. */
export interface ScaleSummary {
  surveyType: string;
  min: number;
  max: number;
  count: number;
  /** Mean raw score. */
  average: number;
  /** Count per score, every point of the scale listed (zeros included), lowest first. */
  distribution: { score: number; count: number }[];
  /** Share of satisfied answers (0–1): 4–5 of 1–5, the two happy faces of a 1–4 smiley, thumbs up. */
  csat?: number;
  /** Net Promoter Score (−100…100) on a 0–10 scale. */
  nps?: number;
  /** Customer Effort Score: mean of a 1–7 scale. */
  ces?: number;
}

/** All ratings at a touchpoint. */
export interface RatingSummary {
  count: number;
  /** Mean of the scores mapped onto 0–100. */
  emotion: number;
  /** One entry per scale used there, most used first. */
  scales: ScaleSummary[];
}

/**
 * Ratings from `Feedback Submitted` events, one per `submission_id`: the widget records the tap
 * at once (`completed: false`) and again with the follow-up (`completed: true`); the latest
 * (completed first, then time) wins. Records without a usable score and scale are ignored.
 */
export const collectSubmissions = (rows: readonly ReportRow[]): Submission[] => {
  const latest = new Map<string, ReportRow>();
  for (const row of rows) {
    if (row.event !== 'Feedback Submitted') continue;
    const key = text(row.props.submission_id) ?? row.messageId;
    const prev = latest.get(key);
    const rank = (r: ReportRow) => (r.props.completed === true ? 1 : 0);
    if (!prev || rank(row) > rank(prev) || (rank(row) === rank(prev) && row.timestamp >= prev.timestamp)) latest.set(key, row);
  }
  const out: Submission[] = [];
  for (const row of latest.values()) {
    const score = num(row.props.score);
    const surveyType = text(row.props.survey_type) ?? 'rating';
    const min = num(row.props.scale_min) ?? (surveyType === 'nps' ? 0 : 1);
    const max = num(row.props.scale_max) ?? (surveyType === 'nps' ? 10 : surveyType === 'ces' ? 7 : 5);
    if (score === undefined || !(max > min) || score < min || score > max || max - min > 100) continue;
    const reasons = Array.isArray(row.props.reasons) ? row.props.reasons.map(text).filter((r): r is string => !!r) : [];
    const comment = text(row.props.comment);
    out.push({
      row,
      surveyType,
      score,
      min,
      max,
      emotion: ((score - min) / (max - min)) * 100,
      reasons,
      ...(comment ? { comment } : {}),
    });
  }
  return out;
};

/** Summarise ratings: distribution per scale, CSAT/NPS/CES where the scale allows. */
export const summariseRatings = (subs: readonly Submission[]): RatingSummary | null => {
  if (!subs.length) return null;
  const scales = new Map<string, Submission[]>();
  for (const s of subs) {
    const key = `${s.surveyType}|${s.min}|${s.max}`;
    const list = scales.get(key);
    if (list) list.push(s);
    else scales.set(key, [s]);
  }
  const summaries = [...scales.values()].map((list): ScaleSummary => {
    const { surveyType, min, max } = list[0]!;
    const count = list.length;
    const counts = new Map<number, number>();
    for (const s of list) counts.set(s.score, (counts.get(s.score) ?? 0) + 1);
    const integral = Number.isInteger(min) && Number.isInteger(max);
    const distribution = integral
      ? Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }))
      : [...counts].sort((a, b) => a[0] - b[0]).map(([score, c]) => ({ score, count: c }));
    const share = (pred: (score: number) => boolean) => list.filter((s) => pred(s.score)).length / count;
    const summary: ScaleSummary = {
      surveyType,
      min,
      max,
      count,
      average: round(list.reduce((a, s) => a + s.score, 0) / count, 2),
      distribution,
    };
    if (min === 1 && max === 5) summary.csat = round(share((x) => x >= 4), 3);
    else if (min === 1 && max === 4) summary.csat = round(share((x) => x >= 3), 3);
    else if (max - min === 1) summary.csat = round(share((x) => x === max), 3);
    if (min === 0 && max === 10) summary.nps = Math.round((share((x) => x >= 9) - share((x) => x <= 6)) * 100);
    if (min === 1 && max === 7 && surveyType === 'ces') summary.ces = summary.average;
    return summary;
  });
  summaries.sort((a, b) => b.count - a.count);
  return {
    count: subs.length,
    emotion: round(subs.reduce((a, s) => a + s.emotion, 0) / subs.length, 1),
    scales: summaries,
  };
};

/** The most frequent items (case- and space-insensitive), most common first. */
export const topCounts = (items: readonly string[], limit = 5): { text: string; count: number }[] => {
  const groups = new Map<string, { text: string; count: number }>();
  for (const item of items) {
    const clean = item.replace(/\s+/g, ' ').trim().slice(0, 280);
    if (!clean) continue;
    const key = clean.toLocaleLowerCase();
    const group = groups.get(key) ?? { text: clean, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).slice(0, limit);
};

/** Round to `digits` decimals. */
export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
