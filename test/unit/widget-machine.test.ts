import { describe, expect, it } from 'vitest';
import { ratingStep, type MachineConfig, type RatingState } from '../../src/widget/ratingMachine';

const auto: MachineConfig = { autoSubmit: true, hasFollowUp: (n) => n <= 3 };
const manual: MachineConfig = { autoSubmit: false, hasFollowUp: () => false };
const q: RatingState = { stage: 'question' };

describe('ratingStep', () => {
  it('records the tap at once and asks the follow-up for that group', () => {
    const [s, fx] = ratingStep(q, { type: 'select', score: 2 }, auto);
    expect(s).toEqual({ stage: 'followup', score: 2 });
    expect(fx).toEqual(['partial']);
    const [s2, fx2] = ratingStep(s, { type: 'send', comment: 'slow', reasons: ['price'] }, auto);
    expect(s2).toEqual({ stage: 'thanks', score: 2, comment: 'slow', reasons: ['price'] });
    expect(fx2).toEqual(['complete']);
    expect(ratingStep(s2, { type: 'timeout' }, auto)).toEqual([{ ...s2, stage: 'closed' }, []]);
  });

  it('completes at once when no follow-up is asked', () => {
    expect(ratingStep(q, { type: 'select', score: 5 }, auto)).toEqual([{ stage: 'thanks', score: 5 }, ['complete']]);
  });

  it('with an explicit Send button, a tap only chooses; submit records', () => {
    const [s, fx] = ratingStep(q, { type: 'select', score: 4 }, manual);
    expect([s, fx]).toEqual([{ stage: 'question', score: 4 }, []]);
    const [s2] = ratingStep(s, { type: 'select', score: 1 }, manual);
    expect(s2.score).toBe(1);
    expect(ratingStep(s2, { type: 'submit' }, manual)).toEqual([{ stage: 'thanks', score: 1 }, ['complete']]);
  });

  it('ignores submit before a choice', () => {
    expect(ratingStep(q, { type: 'submit' }, manual)).toEqual([q, []]);
  });

  it('dismisses from the question and from the follow-up, closes quietly from thanks', () => {
    expect(ratingStep(q, { type: 'close' }, auto)).toEqual([{ stage: 'closed' }, ['dismiss']]);
    expect(ratingStep({ stage: 'followup', score: 1 }, { type: 'close' }, auto)[1]).toEqual(['dismiss']);
    expect(ratingStep({ stage: 'thanks', score: 1 }, { type: 'close' }, auto)).toEqual([{ stage: 'closed', score: 1 }, []]);
  });

  it('ignores actions that do not belong to a stage', () => {
    const f: RatingState = { stage: 'followup', score: 1 };
    expect(ratingStep(f, { type: 'select', score: 5 }, auto)).toEqual([f, []]);
    expect(ratingStep(q, { type: 'timeout' }, auto)).toEqual([q, []]);
    const c: RatingState = { stage: 'closed' };
    expect(ratingStep(c, { type: 'close' }, auto)).toEqual([c, []]);
  });
});
