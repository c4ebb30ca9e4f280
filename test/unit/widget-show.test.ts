import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FEEDBACK_EVENTS } from '../../src/schema/feedback';
import { showRating } from '../../src/widget/showRating';
import { memoryStore } from '../../src/widget/store';
import type { RatingHandle, ShowRatingOptions } from '../../src/widget/types';
import { card, fakeTracker, key, radios, settle } from './widget-support';

let handles: RatingHandle[] = [];
const show = (f: ReturnType<typeof fakeTracker>, o: Partial<ShowRatingOptions> = {}) => {
  const h = showRating(f.tracker, { id: 'checkout', store: memoryStore(), ...o });
  handles.push(h);
  return h;
};
const click = (el: Element | null | undefined) => (el as HTMLElement).click();

beforeEach(() => {
  document.documentElement.lang = 'en';
});
afterEach(async () => {
  handles.forEach((h) => h.close());
  handles = [];
  document.body.replaceChildren();
  await settle();
});

describe('showRating flow', () => {
  it('shows a floating dialog, records the tap at once, completes after the follow-up', async () => {
    const f = fakeTracker({ touchpoint: '/checkout/done' });
    const h = show(f, { productId: 'sku-1', orderId: 'o-9', journeyStage: 'post_purchase' });
    expect(await h.shown).toBe(true);
    const c = card()!;
    expect(c.card.getAttribute('role')).toBe('dialog');
    expect(c.card.getAttribute('lang')).toBe('en');
    expect(c.root.querySelector('#q')!.textContent).toBe('How was your experience?');
    expect(f.named('Feedback Shown')).toHaveLength(1);

    const r = radios();
    expect(r.map((x) => x.textContent)).toEqual(['Very bad', 'Bad', 'Okay', 'Good', 'Very good']);
    // Each face is an SVG of its own mood, hidden from screen readers (the label names the point).
    expect(r.map((x) => x.querySelector('svg')?.getAttribute('class'))).toEqual(['e m0', 'e m1', 'e m2', 'e m3', 'e m4']);
    expect(r.every((x) => x.querySelector('svg')!.getAttribute('aria-hidden') == 'true')).toBe(true);
    click(r[1]);
    const [partial] = f.named('Feedback Submitted');
    expect(partial!.properties).toMatchObject({
      survey_id: 'checkout',
      survey_type: 'emoji',
      score: 2,
      scale_min: 1,
      scale_max: 5,
      label: 'Bad',
      completed: false,
      comment: null,
      reasons: [],
      touchpoint: '/checkout/done',
      journey_stage: 'post_purchase',
      channel: 'web',
      product_id: 'sku-1',
      order_id: 'o-9',
    });
    expect(partial!.options).toEqual({ touchpoint: '/checkout/done', journey_stage: 'post_purchase', channel: 'web' });
    expect(f.named('Product Reviewed')[0]!.properties).toEqual({
      product_id: 'sku-1',
      review_id: partial!.properties.submission_id,
      rating: 2,
    });

    const ta = c.root.querySelector('textarea')!;
    expect(c.root.querySelector('#q')!.textContent).toBe('What could we do better?');
    ta.value = '  <b>slow</b> delivery  ';
    click(c.root.querySelector('.b'));
    const done = f.named('Feedback Submitted')[1]!.properties;
    expect(done).toMatchObject({ submission_id: partial!.properties.submission_id, completed: true, comment: '<b>slow</b> delivery' });
    const status = c.root.querySelector('[role=status]')!;
    expect(status.textContent).toBe('Thank you for your feedback!');
    expect(c.root.querySelector('b')).toBeNull(); // user text is never HTML
    for (const call of f.calls) expect(FEEDBACK_EVENTS[call.event as keyof typeof FEEDBACK_EVENTS].safeParse(call.properties).success).toBe(true);
  });

  it('hides the thank-you after thanksMs and frees the screen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const f = fakeTracker();
      const h = show(f, { followUp: false, thanksMs: 5000 });
      await vi.waitFor(() => expect(card()).toBeDefined());
      click(radios()[4]);
      expect(f.named('Feedback Submitted')[0]!.properties.completed).toBe(true);
      expect(card()).toBeDefined();
      vi.advanceTimersByTime(5001);
      expect(card()).toBeUndefined();
      expect(document.body.children).toHaveLength(0);
      expect(f.named('Feedback Dismissed')).toHaveLength(0);
      void h;
    } finally {
      vi.useRealTimers();
    }
  });

  it('reasons as toggle buttons for a group (multi-select), sent as reasons; built-in ids sent as ids', async () => {
    const f = fakeTracker();
    await show(f, { scale: 'nps', lang: 'en', followUp: { detractor: { reasons: ['Price', 'shipping_cost', 'Support'], comment: false } } }).shown;
    click(radios()[3]);
    const chips = [...card()!.root.querySelectorAll<HTMLButtonElement>('[role=group] button')];
    expect(chips.map((b) => b.textContent)).toEqual(['Price', 'Shipping cost', 'Support']);
    expect(chips.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false']);
    expect(card()!.root.querySelector('textarea')).toBeNull();
    click(chips[0]);
    click(chips[1]);
    click(chips[2]);
    click(chips[2]); // pressed again: unpicked
    expect(chips.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true', 'false']);
    click(card()!.root.querySelector('.b'));
    expect(f.named('Feedback Submitted')[1]!.properties).toMatchObject({ survey_type: 'nps', score: 3, reasons: ['Price', 'shipping_cost'], completed: true });
  });

  it('Escape dismisses: Feedback Dismissed, card removed, focus returned', async () => {
    const before = document.body.appendChild(document.createElement('button'));
    before.focus();
    const f = fakeTracker();
    await show(f).shown;
    const c = card()!;
    expect(c.root.activeElement).toBe(radios()[0]);
    key(c.root.activeElement!, 'Escape');
    expect(f.named('Feedback Dismissed')).toHaveLength(1);
    expect(card()).toBeUndefined();
    expect(document.activeElement).toBe(before);
  });

  it('closing after the tap dismisses with the submission id', async () => {
    const f = fakeTracker();
    await show(f).shown;
    click(radios()[0]);
    click(card()!.root.querySelector('.x'));
    const id = f.named('Feedback Submitted')[0]!.properties.submission_id;
    expect(f.named('Feedback Dismissed')[0]!.properties.submission_id).toBe(id);
  });

  it('keyboard: arrows move focus only (no submit), Space selects; roving tabindex', async () => {
    const f = fakeTracker();
    await show(f).shown;
    const r = radios();
    const tabbable = () => r.filter((x) => x.tabIndex == 0).length;
    key(r[0]!, 'ArrowRight');
    expect(card()!.root.activeElement).toBe(r[1]);
    expect(tabbable()).toBe(1);
    key(r[1]!, 'ArrowLeft');
    key(r[0]!, 'ArrowLeft'); // wraps
    expect(card()!.root.activeElement).toBe(r[4]);
    key(r[4]!, 'Home');
    key(r[0]!, 'End');
    expect(card()!.root.activeElement).toBe(r[4]);
    expect(f.named('Feedback Submitted')).toHaveLength(0);
    expect(r.every((x) => x.getAttribute('aria-checked') == 'false')).toBe(true);
    key(r[4]!, ' ');
    expect(f.named('Feedback Submitted')[0]!.properties.score).toBe(5);
  });

  it('explicit Send button when autoSubmit is false', async () => {
    const f = fakeTracker();
    await show(f, { autoSubmit: false, followUp: false, scale: 'stars' }).shown;
    const send = card()!.root.querySelector<HTMLButtonElement>('.b')!;
    expect(send.disabled).toBe(true);
    click(radios()[2]);
    expect(radios()[2]!.getAttribute('aria-checked')).toBe('true');
    expect(send.disabled).toBe(false);
    expect(f.named('Feedback Submitted')).toHaveLength(0);
    click(send);
    expect(f.named('Feedback Submitted')[0]!.properties).toMatchObject({ survey_type: 'stars', score: 3, completed: true });
  });

  it('inline presentation goes into the container as a group, no focus taken', async () => {
    const box = document.body.appendChild(document.createElement('section'));
    const f = fakeTracker();
    await show(f, { presentation: 'inline', container: box, lang: 'vi', scale: 'thumbs' }).shown;
    const c = card()!;
    expect(box.contains(c.host)).toBe(true);
    expect(c.card.getAttribute('role')).toBe('group');
    expect(c.card.getAttribute('lang')).toBe('vi');
    expect(c.card.classList.contains('f')).toBe(false);
    expect(document.activeElement).toBe(document.body);
    expect(radios().map((r) => r.textContent)).toEqual(['Tệ', 'Tốt']);
    expect(radios().map((r) => r.querySelector('svg')?.getAttribute('class'))).toEqual(['e m1', 'e m3']);
  });

  it('one survey on screen at a time', async () => {
    const f = fakeTracker();
    expect(await show(f, { id: 'a' }).shown).toBe(true);
    expect(await show(f, { id: 'b' }).shown).toBe(false);
    expect(f.named('Feedback Shown')).toHaveLength(1);
  });

  it('an answered survey does not come back; the cooldown stops others', async () => {
    const store = memoryStore();
    const f = fakeTracker();
    await show(f, { store, followUp: false, thanksMs: 0 }).shown;
    click(radios()[3]);
    await settle();
    expect(card()).toBeUndefined();
    expect(await show(f, { store }).shown).toBe(false);
    expect(await show(f, { store, id: 'other' }).shown).toBe(false);
    expect(await show(f, { store, id: 'other', force: true }).shown).toBe(true);
  });

  it('the when() condition is checked right before showing', async () => {
    const f = fakeTracker();
    expect(await show(f, { when: () => false }).shown).toBe(false);
    expect(f.calls).toHaveLength(0);
  });

  it('never throws into the page when the tracker throws', async () => {
    const f = fakeTracker();
    f.tracker.track = () => {
      throw new Error('boom');
    };
    expect(await show(f, { followUp: false }).shown).toBe(true);
    expect(() => click(radios()[0])).not.toThrow();
    expect(f.errors.length).toBeGreaterThan(0);
  });

  it('handle.close() removes the survey without a dismissal event', async () => {
    const f = fakeTracker();
    const h = show(f);
    await h.shown;
    h.close();
    h.close();
    expect(card()).toBeUndefined();
    expect(f.named('Feedback Dismissed')).toHaveLength(0);
  });

  it('styles come from an adopted stylesheet, no style attributes anywhere', async () => {
    const f = fakeTracker();
    await show(f, { scale: 'nps' }).shown;
    const c = card()!;
    expect(c.root.adoptedStyleSheets.length).toBe(1);
    expect(c.root.querySelector('[style], style')).toBeNull();
    expect(radios()).toHaveLength(11);
    expect(radios()[0]!.textContent).toBe('00 Not at all likely');
    expect(c.root.querySelector('.n')!.getAttribute('aria-hidden')).toBe('true');
  });
});
