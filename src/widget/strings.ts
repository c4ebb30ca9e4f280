/**
 * Built-in texts in English and Vietnamese. Kept compact on purpose (the widget chunk budget is
 * 5 KB brotli); other languages come in through a survey's `strings`.
 * Vietnamese lives in `vi.ts`: the script-tag chunk loads it on demand (`touchpoint.widget.vi.js`).
 */
import { vi } from './vi';

/** Every text the widget shows or announces. Override any of them per survey. */
export interface RatingStrings {
  /** Question for emoji, stars, thumbs, smiley and CSAT surveys. */
  question: string;
  /** Question for NPS surveys. */
  nps: string;
  /** Statement for CES surveys (agreement scale). */
  ces: string;
  /** Follow-up question of exit-intent surveys after a negative or neutral answer. */
  exit: string;
  /** Five-point labels, worst first (the 2-, 3- and 4-point scales pick from these). */
  five: string[];
  /** CES end labels: 1 and 7 (the points between are named by their number). */
  agree: [string, string];
  /** NPS end labels: 0 and 10. */
  ends: [string, string];
  /** Follow-up question after a negative or neutral answer. */
  worse: string;
  /** Follow-up question after a positive answer. */
  better: string;
  /** Send button. */
  send: string;
  /** Close button (accessible name). */
  close: string;
  /** Label of the optional comment under the reasons. */
  more: string;
  /** Thank-you message, announced with `role="status"`. */
  thanks: string;
}

export const en: RatingStrings = {
  question: 'How was your experience?',
  nps: 'How likely are you to recommend us to a friend?',
  ces: 'It was easy to get what I needed.',
  exit: 'What stopped you today?',
  five: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'],
  agree: ['Strongly disagree', 'Strongly agree'],
  ends: ['Not at all likely', 'Extremely likely'],
  worse: 'What could we do better?',
  better: 'What did you like most?',
  send: 'Send',
  close: 'Close',
  more: 'Anything else? (optional)',
  thanks: 'Thank you for your feedback!',
};


/** Built-in string tables by language (primary subtag). */
export const STRINGS: Readonly<Record<'en' | 'vi', RatingStrings>> = { en, vi };

/**
 * The strings for a language: the built-in table of its primary subtag (`vi-VN` → `vi`, anything
 * else → English), with the survey's overrides on top.
 */
export const stringsFor = (lang: string, overrides?: Partial<RatingStrings>): RatingStrings => ({
  ...((/^vi\b/i.test(lang) && vi) || en),
  ...overrides,
});
