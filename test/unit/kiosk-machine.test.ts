import { describe, expect, it } from 'vitest';
import { initialKiosk, kioskStep, nextWake, type KioskAction, type KioskEffect, type KioskState } from '../../src/kiosk/kioskMachine';

const T = { idleMs: 10_000, thanksMs: 3000, intervalMs: 5000 };
/** Run actions from the initial state; returns the final state and every effect, tagged by step. */
const play = (actions: KioskAction[], s: KioskState = initialKiosk()) => {
  const fx: [number, KioskEffect][] = [];
  actions.forEach((a, i) => {
    const [next, e] = kioskStep(s, a, T);
    s = next;
    e.forEach((x) => fx.push([i, x]));
  });
  return { s, fx, effects: fx.map((x) => x[1]) };
};

describe('kiosk machine: one respondent without follow-up', () => {
  it('rated → saving → thanks → fresh question after 3 s → reset when the 5 s interval ends', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: false },
      { type: 'recorded' },
      { type: 'thanks', at: 40 },
      { type: 'tick', at: 3040 },
      { type: 'tick', at: 5000 },
    ]);
    expect(r.fx).toEqual([
      [3, 'restart'],
      [4, 'reset'],
    ]);
    expect(r.s).toEqual({ stage: 'question', repeats: 0, reported: 0, done: false, ratedAt: undefined, until: undefined });
  });

  it('twenty presses in two seconds: one rating, 19 repeats, all swallowed, reported once before the reset', () => {
    const presses: KioskAction[] = Array.from({ length: 19 }, (_, i) => ({ type: 'press', at: 100 + i * 100, target: i < 2 ? 'face' : 'other' }));
    const r = play([{ type: 'rated', at: 0, followUp: false }, { type: 'recorded' }, { type: 'thanks', at: 50 }, ...presses]);
    expect(r.s.repeats).toBe(19);
    expect(r.effects.filter((e) => e == 'block')).toHaveLength(19);
    const end = play([{ type: 'tick', at: 3050 }, { type: 'tick', at: 5000 }], r.s);
    expect(end.effects).toEqual(['restart', 'report', 'reset']);
    expect(end.s).toMatchObject({ ratedAt: undefined, repeats: 19, done: false });
    // the next rating starts counting from zero
    expect(play([{ type: 'rated', at: 9000, followUp: false }], end.s).s.repeats).toBe(0);
  });

  it('a face pressed on the fresh question inside the interval is a repeat, not a rating', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: false },
      { type: 'thanks', at: 10 },
      { type: 'tick', at: 3010 },
      { type: 'press', at: 4000, target: 'face' },
    ]);
    expect(r.effects).toEqual(['restart', 'block']);
    expect(r.s.repeats).toBe(1);
  });

  it('a press just after the interval, before the tick: report and reset first, then the press goes through', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: false },
      { type: 'thanks', at: 10 },
      { type: 'press', at: 500, target: 'other' },
      { type: 'tick', at: 3010 },
      { type: 'press', at: 5001, target: 'face' },
    ]);
    expect(r.fx).toEqual([
      [2, 'block'],
      [3, 'restart'],
      [4, 'report'],
      [4, 'reset'],
    ]);
    expect(r.s.ratedAt).toBeUndefined();
  });

  it('presses after the interval are not counted', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: false },
      { type: 'thanks', at: 4000 },
      { type: 'press', at: 6000, target: 'other' },
    ]);
    expect(r.s.repeats).toBe(0);
    expect(r.effects).toEqual(['block']); // nothing on a thank-you does anything
  });
});

describe('kiosk machine: follow-up and idle reset', () => {
  it('times out after 10 s without a touch: fresh question, then reset, no report without repeats', () => {
    const r = play([{ type: 'rated', at: 0, followUp: true }, { type: 'recorded' }]);
    expect(r.s.stage).toBe('followup');
    expect(r.s.until).toBe(10_000);
    const end = play([{ type: 'tick', at: 9999 }, { type: 'tick', at: 10_000 }], r.s);
    expect(end.fx).toEqual([
      [1, 'restart'],
      [1, 'reset'],
    ]);
    expect(end.s.stage).toBe('question');
  });

  it('touching a follow-up control keeps it open and is not a repeat; background taps in the interval are', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: true },
      { type: 'press', at: 1000, target: 'control' },
      { type: 'press', at: 1500, target: 'other' },
      { type: 'press', at: 8000, target: 'control' },
    ]);
    expect(r.s.repeats).toBe(1);
    expect(r.s.until).toBe(18_000);
    expect(r.effects).toEqual([]);
  });

  it('sent follow-up → saving → thanks → question; the repeat count rides on the completed record', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: true },
      { type: 'recorded' },
      { type: 'press', at: 300, target: 'other' },
      { type: 'press', at: 400, target: 'other' },
      { type: 'completed', at: 6000 },
      { type: 'recorded' },
      { type: 'thanks', at: 6020 },
      { type: 'tick', at: 9020 },
    ]);
    expect(r.s.ratedAt).toBeUndefined();
    // repeats (2) went out with the completed record: no extra report
    expect(r.effects).toEqual(['restart', 'reset']);
  });

  it('a dismissal (Escape, close) shows a fresh question', () => {
    const r = play([{ type: 'dismissed', at: 5 }]);
    expect(r.effects).toEqual(['restart']);
    expect(r.s.done).toBe(false);
  });

  it('ignores a second rating while not on the question, and thanks while not saving', () => {
    const r = play([
      { type: 'rated', at: 0, followUp: true },
      { type: 'rated', at: 10, followUp: false },
      { type: 'thanks', at: 20 },
    ]);
    expect(r.s.stage).toBe('followup');
    expect(r.s.ratedAt).toBe(0);
  });
});

describe('nextWake', () => {
  it('is the screen deadline, or the end of the interval once the respondent is done', () => {
    expect(nextWake(initialKiosk(), T)).toBeUndefined();
    const f = play([{ type: 'rated', at: 0, followUp: true }]).s;
    expect(nextWake(f, T)).toBe(10_000);
    const q = play([{ type: 'rated', at: 0, followUp: false }, { type: 'thanks', at: 0 }, { type: 'tick', at: 3000 }]).s;
    expect(nextWake(q, T)).toBe(5000);
  });
});
