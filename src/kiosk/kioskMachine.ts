/**
 * The kiosk's state machine, pure so it is tested without a DOM or timers. It sits around the
 * rating widget's own machine (question → follow-up → thanks) and adds what a terminal needs:
 * the idle time-out of the follow-up, the thank-you length, repeated presses inside the response
 * interval, and the moment a respondent is over (their session ends, the next one starts fresh).
 *
 * Repeated presses: for `intervalMs` after a rating, a press on a face or on the thank-you is
 * counted (`repeat_presses` on that rating) and swallowed; a press on the background is counted;
 * a press on a follow-up control (reason, comment, Send) is the respondent answering, not a repeat.
 */

/** What the screen shows. `saving`: answered, waiting for IndexedDB before saying thank you. */
export type KioskStage = 'question' | 'followup' | 'saving' | 'thanks';

/** The kiosk's state. */
export interface KioskState {
  stage: KioskStage;
  /** Time of the current respondent's rating; undefined once they are over. */
  ratedAt?: number;
  /** Presses counted as repeats of that rating. */
  repeats: number;
  /** `repeats` as carried by the last rating record sent. */
  reported: number;
  /** The respondent has left the screen (thank-you over or follow-up timed out). */
  done: boolean;
  /** Deadline of the current screen (follow-up idle time-out, end of thank-you). */
  until?: number;
}

/** Where a press landed. */
export type PressTarget = 'face' | 'control' | 'other';

/** What happened (every action carries the time it happened, in ms). */
export type KioskAction =
  | { type: 'press'; at: number; target: PressTarget }
  | { type: 'rated'; at: number; followUp: boolean }
  | { type: 'completed'; at: number }
  | { type: 'thanks'; at: number }
  | { type: 'dismissed'; at: number }
  | { type: 'recorded' }
  | { type: 'tick'; at: number };

/**
 * Effects for the controller, in order: `block` swallow the press; `restart` show a fresh
 * question; `report` re-send the rating with its final `repeat_presses`; `reset` start a new
 * respondent (new anonymous id and session, order code cleared).
 */
export type KioskEffect = 'block' | 'restart' | 'report' | 'reset';

/** Timings, in ms. */
export interface KioskTimings {
  idleMs: number;
  thanksMs: number;
  intervalMs: number;
}

/** The state of a kiosk that just started. */
export const initialKiosk = (): KioskState => ({ stage: 'question', repeats: 0, reported: 0, done: false });

const within = (s: KioskState, at: number, c: KioskTimings) => s.ratedAt !== undefined && at - s.ratedAt < c.intervalMs;

/** The respondent is over and their interval too: report the last repeats, then reset. */
const settle = (s: KioskState, at: number, c: KioskTimings, fx: KioskEffect[]): KioskState => {
  if (s.ratedAt === undefined || !s.done || within(s, at, c)) return s;
  if (s.repeats > s.reported) fx.push('report');
  fx.push('reset');
  // `repeats` stays until the next rating: the report effect reads it after this step.
  return { ...s, ratedAt: undefined, done: false };
};

/** One transition: the next state and the effects to perform, in order. */
export const kioskStep = (s: KioskState, a: KioskAction, c: KioskTimings): [KioskState, KioskEffect[]] => {
  const fx: KioskEffect[] = [];
  if (a.type == 'recorded') return [{ ...s, reported: s.repeats }, fx];
  if (a.type == 'press') {
    // A press right after the interval ended, before the tick that would have reset: reset now,
    // so the new rating never carries the previous respondent's ids.
    s = settle(s, a.at, c, fx);
    const repeat = within(s, a.at, c) && (s.stage != 'followup' || a.target != 'control');
    if (repeat) s = { ...s, repeats: s.repeats + 1 };
    if (s.stage == 'followup') s = { ...s, until: a.at + c.idleMs };
    if (s.stage == 'saving' || s.stage == 'thanks' || (repeat && a.target == 'face')) fx.push('block');
    return [s, fx];
  }
  if (a.type == 'rated') {
    if (s.stage != 'question') return [s, fx];
    s = settle(s, a.at, c, fx);
    const followUp = a.followUp;
    return [{ stage: followUp ? 'followup' : 'saving', ratedAt: a.at, repeats: 0, reported: 0, done: false, until: followUp ? a.at + c.idleMs : undefined }, fx];
  }
  if (a.type == 'completed') return s.stage == 'followup' ? [{ ...s, stage: 'saving', until: undefined }, fx] : [s, fx];
  if (a.type == 'thanks') return s.stage == 'saving' ? [{ ...s, stage: 'thanks', until: a.at + c.thanksMs }, fx] : [s, fx];
  if (a.type == 'dismissed' || (s.until !== undefined && a.at >= s.until)) {
    fx.push('restart');
    s = { ...s, stage: 'question', until: undefined, done: s.ratedAt !== undefined };
  }
  return [settle(s, a.at, c, fx), fx];
};

/** When the controller must wake next (a deadline or the end of the interval), or undefined. */
export const nextWake = (s: KioskState, c: KioskTimings): number | undefined => {
  const end = s.ratedAt !== undefined && s.done ? s.ratedAt + c.intervalMs : undefined;
  const t = [s.until, end].filter((x): x is number => x !== undefined);
  return t.length ? Math.min(...t) : undefined;
};
