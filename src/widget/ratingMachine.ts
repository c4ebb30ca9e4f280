/**
 * The survey's state machine, pure so it is tested without a DOM:
 * question → (tap) → follow-up → (send) → thanks → closed, with close possible everywhere.
 */

/** Where a survey is. */
export type RatingStage = 'question' | 'followup' | 'thanks' | 'closed';

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

/** What the user (or a timer) did. */
export type RatingAction =
  | { type: 'select'; score: number }
  | { type: 'submit' }
  | { type: 'send'; comment: string | null; reasons: string[] }
  | { type: 'close' }
  | { type: 'timeout' };

/**
 * Side effects the controller performs: `partial` records the score (`completed: false`),
 * `complete` records the final answer (`completed: true`), `dismiss` records a dismissal.
 */
export type RatingEffect = 'partial' | 'complete' | 'dismiss';

/** Options the machine depends on. */
export interface MachineConfig {
  /** A tap records the score at once (else a Send button confirms it). */
  autoSubmit: boolean;
  /** Whether a follow-up is asked for this score. */
  hasFollowUp(score: number): boolean;
}

/** One transition: the next state and the effects to perform, in order. */
export const ratingStep = (s: RatingState, a: RatingAction, c: MachineConfig): [RatingState, RatingEffect[]] => {
  const t = a.type;
  if (s.stage == 'question') {
    if (t == 'close') return [{ ...s, stage: 'closed' }, ['dismiss']];
    if (t == 'select') {
      s = { ...s, score: a.score };
      if (!c.autoSubmit) return [s, []];
    } else if (t != 'submit' || s.score === undefined) return [s, []];
    return c.hasFollowUp(s.score!) ? [{ ...s, stage: 'followup' }, ['partial']] : [{ ...s, stage: 'thanks' }, ['complete']];
  }
  if (s.stage == 'followup') {
    if (t == 'send') return [{ ...s, stage: 'thanks', comment: a.comment, reasons: a.reasons }, ['complete']];
    if (t == 'close') return [{ ...s, stage: 'closed' }, ['dismiss']];
  }
  if (s.stage == 'thanks' && (t == 'close' || t == 'timeout')) return [{ ...s, stage: 'closed' }, []];
  return [s, []];
};
