import { describe, expect, it } from 'vitest';
import { ratingStep, type MachineConfig, type RatingState } from '../../src/widget/ratingMachine';

// Stages: 0 question, 1 follow-up, 2 thanks, 3 closed. Actions: 0 select, 1 submit, 2 send,
// 3 close, 4 timeout. Effects: 1 partial, 2 complete, 3 dismiss.
const auto: MachineConfig = { autoSubmit: true, followUp: (n) => n <= 3 };
const manual: MachineConfig = { autoSubmit: false, followUp: () => false };
const q: RatingState = { stage: 0 };

describe('ratingStep', () => {
  it('records the tap at once and asks the follow-up for that group', () => {
    const [s, fx] = ratingStep(q, { type: 0, score: 2 }, auto);
    expect(s).toEqual({ stage: 1, score: 2 });
    expect(fx).toBe(1);
    const [s2, fx2] = ratingStep(s, { type: 2, comment: 'slow', reasons: ['price'] }, auto);
    expect(s2).toEqual({ stage: 2, score: 2, comment: 'slow', reasons: ['price'] });
    expect(fx2).toBe(2);
    const [s3, fx3] = ratingStep(s2, { type: 4 }, auto);
    expect(s3).toEqual({ ...s2, stage: 3 });
    expect(fx3).toBeUndefined();
  });

  it('completes at once when no follow-up is asked', () => {
    const [s, fx] = ratingStep(q, { type: 0, score: 5 }, auto);
    expect(s).toEqual({ stage: 2, score: 5 });
    expect(fx).toBe(2);
  });

  it('with an explicit Send button, a tap only chooses; submit records', () => {
    const [s, fx] = ratingStep(q, { type: 0, score: 4 }, manual);
    expect(s).toEqual({ stage: 0, score: 4 });
    expect(fx).toBeUndefined();
    const [s2] = ratingStep(s, { type: 0, score: 1 }, manual);
    expect(s2.score).toBe(1);
    const [s3, fx3] = ratingStep(s2, { type: 1 }, manual);
    expect(s3).toEqual({ stage: 2, score: 1 });
    expect(fx3).toBe(2);
  });

  it('ignores submit before a choice', () => {
    const [s, fx] = ratingStep(q, { type: 1 }, manual);
    expect(s).toBe(q);
    expect(fx).toBeUndefined();
  });

  it('dismisses from the question and from the follow-up, closes quietly from thanks', () => {
    const [s, fx] = ratingStep(q, { type: 3 }, auto);
    expect(s).toEqual({ stage: 3 });
    expect(fx).toBe(3);
    expect(ratingStep({ stage: 1, score: 1 }, { type: 3 }, auto)[1]).toBe(3);
    const [s2, fx2] = ratingStep({ stage: 2, score: 1 }, { type: 3 }, auto);
    expect(s2).toEqual({ stage: 3, score: 1 });
    expect(fx2).toBeUndefined();
  });

  it('ignores actions that do not belong to a stage', () => {
    const f: RatingState = { stage: 1, score: 1 };
    expect(ratingStep(f, { type: 0, score: 5 }, auto)[0]).toBe(f);
    expect(ratingStep(f, { type: 4 }, auto)[0]).toBe(f);
    expect(ratingStep(q, { type: 4 }, auto)[0]).toBe(q);
    expect(ratingStep(q, { type: 2, comment: null, reasons: [] }, auto)[0]).toBe(q);
    const c: RatingState = { stage: 3 };
    for (const type of [3, 4] as const) {
      const [s, fx] = ratingStep(c, { type }, auto);
      expect(s).toBe(c);
      expect(fx).toBeUndefined();
    }
  });
});
