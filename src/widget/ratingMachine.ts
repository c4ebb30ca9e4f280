/**
 * The survey's state machine, pure so it is tested without a DOM:
 * question → (tap) → follow-up → (send) → thanks → closed, with close possible everywhere.
 * Stages, actions and effects are small numbers (the script-tag chunk's 5 KB budget).
 */

/** Where a survey is: 0 question, 1 follow-up, 2 thanks, 3 closed. */
export type RatingStage = 0 | 1 | 2 | 3;

/** The survey's state. */
export interface RatingState {
  stage: RatingStage;
  /** Chosen score (set on tap; with an explicit Send button it may change until sent). */
  score?: number;
  /** Open-text answer of the follow-up (trimmed, length-limited), null when none. */
  comment?: string | null;
  /** Reasons ticked in the follow-up. */
  reasons?: string[];
}

/** What the user (or a timer) did: 0 select, 1 submit, 2 send, 3 close, 4 timeout. */
export type RatingAction =
  | { type: 0; score: number }
  | { type: 1 }
  | { type: 2; comment: string | null; reasons: string[] }
  | { type: 3 }
  | { type: 4 };

/**
 * Side effect the controller performs: 1 (partial) records the score (`completed: false`),
 * 2 (complete) records the final answer (`completed: true`), 3 (dismiss) records a dismissal.
 */
export type RatingEffect = 1 | 2 | 3;

/** Options the machine depends on. */
export interface MachineConfig {
  /** A tap records the score at once (else a Send button confirms it). */
  autoSubmit: boolean;
  /** The follow-up for a score: truthy when one is asked (a `ResolvedSurvey` is a config). */
  followUp(score: number): unknown;
}

/** One transition: the next state and the effect to perform, if any. */
export const ratingStep = (s: RatingState, a: RatingAction, c: MachineConfig): [RatingState, RatingEffect?] => {
  const t = a.type;
  const g = s.stage;
  const go = (stage: RatingStage, e?: RatingEffect): [RatingState, RatingEffect?] => [{ ...s, stage }, e];
  // Close before the thank-you is a dismissal.
  if (t == 3 && g < 2) return go(3, 3);
  if (!g) {
    if (!t) {
      s = { ...s, score: a.score };
      if (!c.autoSubmit) return [s];
    } else if (t != 1 || s.score === undefined) return [s];
    return c.followUp(s.score!) ? go(1, 1) : go(2, 2);
  }
  if (g == 1 && t == 2) return [{ ...s, stage: 2, comment: a.comment, reasons: a.reasons }, 2];
  // Thanks closes on close or timeout, quietly.
  return g == 2 && t > 2 ? go(3) : [s];
};
