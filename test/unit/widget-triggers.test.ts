import { afterEach, describe, expect, it, vi } from 'vitest';
import { armTrigger } from '../../src/widget/triggers';
import { showRating } from '../../src/widget/showRating';
import { defineRatingElement } from '../../src/widget/defineRatingElement';
import { memoryStore } from '../../src/widget/store';
import { DEFAULT_REASONS, REASONS } from '../../src/schema/reasons';
import { card, fakeTracker, radios, settle } from './widget-support';

afterEach(async () => {
  vi.useRealTimers();
  document.body.replaceChildren();
  history.replaceState(null, '', '/');
  await settle();
});

describe('armTrigger', () => {
  it('after Order Completed, with its order_id', () => {
    const f = fakeTracker();
    const fire = vi.fn();
    const stop = armTrigger(f.tracker, { type: 'orderCompleted' }, fire);
    vi.useFakeTimers();
    f.emit('Product Added');
    f.emit('Order Completed', { order_id: 'o-1' });
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledExactlyOnceWith({ order_id: 'o-1' });
    stop();
    f.emit('Order Completed', { order_id: 'o-2' });
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(f.listeners.size).toBe(0);
  });

  it('on a named event, after its delay, only if still on the same page', () => {
    vi.useFakeTimers();
    const f = fakeTracker();
    const fire = vi.fn();
    armTrigger(f.tracker, { type: 'event', event: 'Cart Viewed', delay: 2 }, fire);
    f.emit('Cart Viewed');
    vi.advanceTimersByTime(1999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    f.emit('Cart Viewed');
    history.pushState(null, '', '/elsewhere'); // SPA route change during the delay
    vi.advanceTimersByTime(2000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('after N seconds on a page; cancelled when the route changed', () => {
    vi.useFakeTimers();
    const f = fakeTracker();
    const fire = vi.fn();
    armTrigger(f.tracker, { type: 'delay', seconds: 10 }, fire);
    vi.advanceTimersByTime(10_000);
    expect(fire).toHaveBeenCalledTimes(1);
    const fire2 = vi.fn();
    armTrigger(f.tracker, { type: 'delay', seconds: 10 }, fire2);
    history.pushState(null, '', '/product/2');
    vi.advanceTimersByTime(10_000);
    expect(fire2).not.toHaveBeenCalled();
    const fire3 = vi.fn();
    const stop = armTrigger(f.tracker, { type: 'delay', seconds: 10 }, fire3);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(fire3).not.toHaveBeenCalled();
  });

  it('exit intent through a given subscribe function, or the tracker hook when present', () => {
    const cbs: (() => void)[] = [];
    const off = vi.fn();
    const fire = vi.fn();
    const stop = armTrigger(fakeTracker().tracker, { type: 'exitIntent', subscribe: (cb) => (cbs.push(cb), off) }, fire);
    cbs[0]!();
    expect(fire).toHaveBeenCalledTimes(1);
    stop();
    expect(off).toHaveBeenCalled();

    const f = fakeTracker();
    let hook: (() => void) | undefined;
    Object.assign(f.tracker, { onExitIntent: (cb: () => void) => ((hook = cb), () => {}) });
    const fire2 = vi.fn();
    armTrigger(f.tracker, { type: 'exitIntent' }, fire2);
    hook!();
    expect(fire2).toHaveBeenCalledTimes(1);
    // No hook and no subscribe: stays armed, never fires, never throws.
    expect(() => armTrigger(fakeTracker().tracker, { type: 'exitIntent' }, vi.fn())()).not.toThrow();
  });

  it('a throwing hook does not break the page', () => {
    const t = fakeTracker().tracker;
    t.subscribe = () => {
      throw new Error('x');
    };
    expect(() => armTrigger(t, { type: 'event', event: 'X' }, vi.fn())()).not.toThrow();
  });
});

describe('triggered surveys', () => {
  it('after Order Completed: shows once, post_purchase, carries order_id; re-checks eligibility when fired', async () => {
    const f = fakeTracker();
    const store = memoryStore();
    const h = showRating(f.tracker, { id: 'after-order', store, trigger: { type: 'orderCompleted' }, followUp: false });
    await settle();
    expect(card()).toBeUndefined();
    f.emit('Order Completed', { order_id: 'o-7' });
    expect(await h.shown).toBe(true);
    const shown = f.named('Feedback Shown')[0]!.properties;
    expect(shown).toMatchObject({ order_id: 'o-7', journey_stage: 'post_purchase' });
    radios()[4]!.click();
    expect(f.named('Feedback Submitted')[0]!.properties.order_id).toBe('o-7');
    h.close();
    f.emit('Order Completed', { order_id: 'o-8' });
    await settle();
    expect(f.named('Feedback Shown')).toHaveLength(1);
  });

  it('the condition is re-checked when the delay ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const f = fakeTracker();
    let cartHasItems = true;
    const h = showRating(f.tracker, { id: 'exit', store: memoryStore(), trigger: { type: 'delay', seconds: 5 }, when: () => cartHasItems });
    cartHasItems = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(card()).toBeUndefined();
    h.close();
    expect(await h.shown).toBe(false);
  });

  it('exit intent: after a low score asks "What stopped you today?" with the checkout reasons (vi labels), sends their ids', async () => {
    const f = fakeTracker();
    let fire = () => {};
    const h = showRating(f.tracker, {
      id: 'exit',
      store: memoryStore(),
      lang: 'vi',
      trigger: { type: 'exitIntent', subscribe: (cb) => ((fire = cb), () => {}) },
    });
    fire();
    await h.shown;
    expect(card()!.root.querySelector('#q')!.textContent).toBe('Bạn thấy trải nghiệm thế nào?');
    (card()!.root.querySelectorAll('[role=radio]')[1] as HTMLElement).click();
    expect(card()!.root.querySelector('#q')!.textContent).toBe('Điều gì khiến bạn dừng lại hôm nay?');
    const chips = [...card()!.root.querySelectorAll<HTMLButtonElement>('[role=group] button')];
    expect(chips.map((b) => b.textContent)).toEqual(DEFAULT_REASONS.checkout.negative.map((id) => REASONS[id].vi));
    chips[0]!.click();
    chips[1]!.click();
    card()!.root.querySelector('textarea')!.value = 'Phí cao quá';
    (card()!.root.querySelector('.b') as HTMLElement).click();
    expect(f.named('Feedback Submitted').at(-1)!.properties).toMatchObject({
      completed: true,
      reasons: ['shipping_cost', 'no_cod'],
      comment: 'Phí cao quá',
    });
    h.close();
  });
});

describe('<touchpoint-rating>', () => {
  it('reads attributes, finds window.touchpoint, renders inline', async () => {
    defineRatingElement();
    defineRatingElement(); // safe twice
    const f = fakeTracker();
    (window as any).touchpoint = f.tracker;
    try {
      const el = document.createElement('touchpoint-rating');
      for (const [k, v] of Object.entries({
        'survey-id': 'pdp',
        scale: 'smiley4',
        question: 'Tìm sản phẩm có dễ không?',
        lang: 'vi',
        touchpoint: 'pdp',
        'product-id': 'sku-9',
        'journey-stage': 'consideration',
        'sample-rate': '1',
        'follow-up': 'none',
      }))
        el.setAttribute(k, v);
      (el as any).store = undefined;
      (el as any).options = { store: memoryStore() };
      document.body.append(el);
      await settle();
      const c = card()!;
      expect(c.host).toBe(el);
      expect(c.card.getAttribute('role')).toBe('group');
      expect(c.root.querySelector('#q')!.textContent).toBe('Tìm sản phẩm có dễ không?');
      expect(radios()).toHaveLength(4);
      radios()[3]!.click();
      expect(f.named('Feedback Submitted')[0]!.properties).toMatchObject({
        survey_id: 'pdp',
        survey_type: 'smiley',
        score: 4,
        label: 'Rất tốt',
        product_id: 'sku-9',
        touchpoint: 'pdp',
        journey_stage: 'consideration',
        completed: true,
      });
      expect(f.named('Product Reviewed')).toHaveLength(1);
      el.remove();
      expect(el.shadowRoot!.childNodes).toHaveLength(0);
    } finally {
      delete (window as any).touchpoint;
    }
  });

  it('waits for a tracker property; a bad definition goes to the console, not the page', async () => {
    defineRatingElement();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = document.createElement('touchpoint-rating') as HTMLElement & { tracker?: unknown; options?: object };
    el.setAttribute('survey-id', 'x');
    el.setAttribute('scale', 'emoji9');
    document.body.append(el);
    await settle();
    expect(card()).toBeUndefined();
    expect(() => (el.tracker = fakeTracker().tracker)).not.toThrow();
    expect(err.mock.calls[0]![0]).toBeInstanceOf(TypeError);
    expect(String(err.mock.calls[0]![0])).toMatch(/"scale"/);
    err.mockRestore();

    const ok = document.createElement('touchpoint-rating') as HTMLElement & { tracker?: unknown; options?: object };
    ok.setAttribute('survey-id', 'y');
    ok.setAttribute('trigger', 'event:Checkout Started');
    ok.options = { store: memoryStore() };
    const f = fakeTracker();
    ok.tracker = f.tracker; // set before connecting
    document.body.append(ok);
    await settle();
    expect(card()).toBeUndefined();
    f.emit('Checkout Started');
    await settle();
    expect(card()?.host).toBe(ok);
  });
});
