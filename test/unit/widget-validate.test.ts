import { describe, expect, it } from 'vitest';
import { validateSurvey } from '../../src/widget/validateSurvey';
import { showRating } from '../../src/widget/showRating';
import { fakeTracker } from './widget-support';

const bad: [string, unknown][] = [
  ['options', null],
  ['id', {}],
  ['id', { id: '' }],
  ['id', { id: 'has space' }],
  ['id', { id: 'x'.repeat(101) }],
  ['scale', { id: 's', scale: 'emoji7' }],
  ['type', { id: 's', type: 'happiness' }],
  ['type', { id: 's', scale: 'nps', type: 'csat' }],
  ['presentation', { id: 's', presentation: 'modal' }],
  ['journeyStage', { id: 's', journeyStage: 'checkout' }],
  ['labels', { id: 's', scale: 'thumbs', labels: ['only one'] }],
  ['labels', { id: 's', scale: 'thumbs', labels: ['a', ''] }],
  ['question', { id: 's', question: 42 }],
  ['productId', { id: 's', productId: 7 }],
  ['maxLength', { id: 's', maxLength: 0 }],
  ['sampleRate', { id: 's', sampleRate: 1.5 }],
  ['sampleRate', { id: 's', sampleRate: '0.5' }],
  ['cooldownDays', { id: 's', cooldownDays: -1 }],
  ['maxIgnored', { id: 's', maxIgnored: 0 }],
  ['followUp', { id: 's', followUp: 'yes' }],
  ['followUp.angry', { id: 's', followUp: { angry: {} } }],
  ['followUp.negative', { id: 's', followUp: { negative: { reasons: 'price' } } }],
  ['trigger.type', { id: 's', trigger: { type: 'scroll' } }],
  ['trigger.type', { id: 's', trigger: {} }],
  ['trigger.type', { id: 's', trigger: null }],
  ['trigger.event', { id: 's', trigger: { type: 'event' } }],
  ['trigger.seconds', { id: 's', trigger: { type: 'delay' } }],
  ['trigger.seconds', { id: 's', trigger: { type: 'delay', seconds: -3 } }],
  ['trigger.delay', { id: 's', trigger: { type: 'orderCompleted', delay: 'soon' } }],
];

describe('validateSurvey', () => {
  for (const [field, o] of bad)
    it(`names "${field}" in ${JSON.stringify(o)}`, () => {
      expect(() => validateSurvey(o as never)).toThrow(new RegExp(`invalid "${field.replace('.', '\\.')}"`));
    });

  it('accepts full, valid definitions', () => {
    expect(() =>
      validateSurvey({
        id: 'checkout.csat:v2',
        scale: 'stars',
        type: 'csat',
        question: 'How was checkout?',
        lang: 'vi',
        labels: ['1', '2', '3', '4', '5'],
        followUp: { negative: { reasons: ['Price'], comment: true }, positive: false },
        autoSubmit: false,
        maxLength: 200,
        sampleRate: 0.25,
        cooldownDays: 30,
        maxIgnored: 2,
        journeyStage: 'purchase',
        presentation: 'inline',
        trigger: { type: 'orderCompleted', delay: 2 },
      }),
    ).not.toThrow();
    for (const trigger of [
      { type: 'manual' },
      { type: 'event', event: 'Cart Viewed' },
      { type: 'delay', seconds: 0 },
      { type: 'exitIntent', subscribe: () => () => {} },
    ] as const)
      expect(() => validateSurvey({ id: 's', trigger })).not.toThrow();
  });

  it('showRating throws at set-up, before anything is shown or tracked', () => {
    const f = fakeTracker();
    expect(() => showRating(f.tracker, { id: 's', scale: 'bad' as never })).toThrow(TypeError);
    expect(f.calls).toHaveLength(0);
    expect(document.body.children).toHaveLength(0);
  });
});
