import { describe, expect, it } from 'vitest';
import { answerGroup } from '../../src/widget/answerGroup';
import { pointLabels } from '../../src/widget/pointLabels';
import { resolveSurvey } from '../../src/widget/resolveSurvey';
import { SCALES, SCALE_NAMES } from '../../src/widget/scales';
import { STRINGS, stringsFor } from '../../src/widget/strings';
import { DEFAULT_REASONS } from '../../src/schema/reasons';

describe('scales', () => {
  it('face scales pick one of the five moods per point, worst first, without repeats', () => {
    for (const name of SCALE_NAMES) {
      const s = SCALES[name];
      if (s.look != 'faces') continue;
      const moods = s.pick ?? [0, 1, 2, 3, 4];
      expect(moods).toHaveLength(s.max - s.min + 1);
      expect([...moods].sort()).toEqual(moods);
      expect(new Set(moods).size).toBe(moods.length);
    }
    expect(SCALE_NAMES.filter((n) => SCALES[n].look == 'faces').map((n) => SCALES[n].max - SCALES[n].min + 1).sort()).toEqual([2, 3, 4, 5]);
  });
  it('smiley4 has no neutral face and four points', () => {
    expect(SCALES.smiley4.max - SCALES.smiley4.min + 1).toBe(4);
    expect(SCALES.smiley4.pick).not.toContain(2);
  });
});

describe('pointLabels', () => {
  for (const lang of ['en', 'vi'] as const) {
    it(`names every point of every scale (${lang})`, () => {
      for (const name of SCALE_NAMES) {
        const s = SCALES[name];
        const labels = pointLabels(s, STRINGS[lang]);
        expect(labels).toHaveLength(s.max - s.min + 1);
        for (const l of labels) expect(l.trim().length).toBeGreaterThan(0);
        expect(new Set(labels).size).toBe(labels.length);
      }
    });
  }
  it('uses the five-point labels, picked for smaller scales', () => {
    expect(pointLabels(SCALES.emoji5, STRINGS.en)).toEqual(['Very bad', 'Bad', 'Okay', 'Good', 'Very good']);
    expect(pointLabels(SCALES.emoji3, STRINGS.en)).toEqual(['Bad', 'Okay', 'Good']);
    expect(pointLabels(SCALES.thumbs, STRINGS.vi)).toEqual(['Tệ', 'Tốt']);
    expect(pointLabels(SCALES.smiley4, STRINGS.en)).toEqual(['Very bad', 'Bad', 'Good', 'Very good']);
  });
  it('names NPS and CES points by number with end labels', () => {
    const nps = pointLabels(SCALES.nps, STRINGS.en);
    expect(nps[0]).toBe('0 Not at all likely');
    expect(nps[5]).toBe('5');
    expect(nps[10]).toBe('10 Extremely likely');
    const ces = pointLabels(SCALES.ces, STRINGS.vi);
    expect(ces[0]).toBe('1 Hoàn toàn không đồng ý');
    expect(ces[3]).toBe('4');
    expect(ces[6]).toBe('7 Hoàn toàn đồng ý');
  });
  it("prefers the survey's own labels", () => {
    expect(pointLabels(SCALES.thumbs, STRINGS.en, ['No', 'Yes'])).toEqual(['No', 'Yes']);
  });
});

describe('stringsFor', () => {
  it('picks Vietnamese by primary subtag, English otherwise, overrides on top', () => {
    expect(stringsFor('vi-VN').send).toBe('Gửi');
    expect(stringsFor('en-GB').send).toBe('Send');
    expect(stringsFor('fr', { send: 'Envoyer' }).send).toBe('Envoyer');
    expect(stringsFor('fr', { send: 'Envoyer' }).close).toBe('Close');
  });
});

describe('answerGroup', () => {
  it('splits odd scales into negative / neutral / positive', () => {
    expect([1, 2, 3, 4, 5].map((n) => answerGroup(n, 1, 5))).toEqual(['negative', 'negative', 'neutral', 'positive', 'positive']);
    expect([1, 2, 3].map((n) => answerGroup(n, 1, 3))).toEqual(['negative', 'neutral', 'positive']);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => answerGroup(n, 1, 7))).toEqual([
      'negative', 'negative', 'negative', 'neutral', 'positive', 'positive', 'positive',
    ]);
  });
  it('even scales have no neutral', () => {
    expect([1, 2, 3, 4].map((n) => answerGroup(n, 1, 4))).toEqual(['negative', 'negative', 'positive', 'positive']);
    expect([0, 1].map((n) => answerGroup(n, 0, 1))).toEqual(['negative', 'positive']);
  });
  it('NPS: detractor 0-6, passive 7-8, promoter 9-10', () => {
    const g = Array.from({ length: 11 }, (_, n) => answerGroup(n, 0, 10, true));
    expect(g.filter((x) => x == 'detractor')).toHaveLength(7);
    expect(g.slice(7, 9)).toEqual(['passive', 'passive']);
    expect(g.slice(9)).toEqual(['promoter', 'promoter']);
  });
});

describe('resolveSurvey', () => {
  it('defaults: emoji5, English unless the page is Vietnamese, auto-submit, comment follow-ups', () => {
    document.documentElement.lang = '';
    const r = resolveSurvey({ id: 's' });
    expect(r.scaleName).toBe('emoji5');
    expect(r.type).toBe('emoji');
    expect(r.lang).toBe('en');
    expect(r.question).toBe('How was your experience?');
    expect(r.autoSubmit).toBe(true);
    expect(r.followUp(1)).toEqual({ question: 'What could we do better?', reasons: [], comment: true });
    expect(r.followUp(5)?.question).toBe('What did you like most?');
    document.documentElement.lang = 'vi';
    expect(resolveSurvey({ id: 's' }).question).toBe('Bạn thấy trải nghiệm thế nào?');
    document.documentElement.lang = 'de';
    expect(resolveSurvey({ id: 's' }).lang).toBe('en');
    document.documentElement.lang = '';
  });
  it('built-in questions per instrument; exit intent asks what stopped them after a low score', () => {
    expect(resolveSurvey({ id: 's', scale: 'nps' }).question).toMatch(/recommend/);
    expect(resolveSurvey({ id: 's', scale: 'ces', lang: 'vi' }).question).toMatch(/dễ dàng/);
    const exit = resolveSurvey({ id: 's', trigger: { type: 'exitIntent' } });
    expect(exit.followUp(2)?.question).toBe('What stopped you today?');
    expect(exit.followUp(5)?.question).toBe('What did you like most?');
  });
  it('default reasons: checkout at exit intent, order for order surveys, kiosk on request; none otherwise', () => {
    expect(resolveSurvey({ id: 's', trigger: { type: 'exitIntent' } }).followUp(1)).toEqual({
      question: 'What stopped you today?',
      reasons: DEFAULT_REASONS.checkout.negative,
      comment: true,
    });
    expect(resolveSurvey({ id: 's', trigger: { type: 'exitIntent' } }).followUp(3)?.reasons).toEqual(DEFAULT_REASONS.checkout.negative);
    expect(resolveSurvey({ id: 's', orderId: 'o-1' }).followUp(5)?.reasons).toEqual(DEFAULT_REASONS.order.positive);
    expect(resolveSurvey({ id: 's', trigger: { type: 'orderCompleted' } }).followUp(1)?.reasons).toEqual(DEFAULT_REASONS.order.negative);
    expect(resolveSurvey({ id: 's', scale: 'smiley4', reasonSet: 'kiosk' }).followUp(4)?.reasons).toEqual(DEFAULT_REASONS.kiosk.positive);
    expect(resolveSurvey({ id: 's', orderId: 'o-1', reasonSet: false }).followUp(1)?.reasons).toEqual([]);
    expect(resolveSurvey({ id: 's' }).followUp(1)?.reasons).toEqual([]);
    // The shop's own reasons win over the defaults.
    expect(resolveSurvey({ id: 's', orderId: 'o', followUp: { negative: { reasons: ['Box damaged'] } } }).followUp(1)?.reasons).toEqual(['Box damaged']);
  });
  it('chooses the follow-up by answer group (NPS groups fall back to negative/neutral/positive)', () => {
    const r = resolveSurvey({
      id: 's',
      scale: 'nps',
      followUp: { detractor: { reasons: ['Price', 'Delivery'] }, neutral: false, positive: { question: 'Why?' } },
    });
    expect(r.followUp(3)).toEqual({ question: 'What could we do better?', reasons: ['Price', 'Delivery'], comment: true });
    expect(r.followUp(7)).toBeUndefined();
    expect(r.followUp(10)).toEqual({ question: 'Why?', reasons: [], comment: true });
    expect(resolveSurvey({ id: 's', followUp: false }).followUp(1)).toBeUndefined();
    expect(resolveSurvey({ id: 's', followUp: { negative: { comment: false } } }).followUp(1)).toBeUndefined();
  });
  it('csat on a 1-5 scale keeps the scale, sends survey_type csat', () => {
    const r = resolveSurvey({ id: 's', scale: 'stars', type: 'csat' });
    expect([r.type, r.scale.min, r.scale.max]).toEqual(['csat', 1, 5]);
  });
});

describe('fromAttributes: reason-set', () => {
  it('reads checkout / order / kiosk as given and "none" as no built-in reasons', async () => {
    const { fromAttributes } = await import('../../src/widget/fromAttributes');
    const el = document.createElement('touchpoint-rating-test');
    el.setAttribute('survey-id', 's');
    el.setAttribute('reason-set', 'order');
    expect(fromAttributes(el).reasonSet).toBe('order');
    el.setAttribute('reason-set', 'none');
    expect(fromAttributes(el).reasonSet).toBe(false);
    el.removeAttribute('reason-set');
    expect(fromAttributes(el).reasonSet).toBeUndefined();
  });
});
