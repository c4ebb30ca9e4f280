/** Unit tests of the shop modules: scrubbing, default stages, cart arithmetic, tag properties, page views, exit intent. */
import { describe, expect, test, vi } from 'vitest';
import { createUrlFilter, scrubUrl } from '../../../src/shop/scrubUrl';
import { defaultStage } from '../../../src/shop/defaultStage';
import { applyEvent, cartValue, type Cart } from '../../../src/shop/trackCart';
import { tagProperties } from '../../../src/shop/tagElements';
import { trackPageViews } from '../../../src/shop/trackPageViews';
import { onExitIntent } from '../../../src/shop/onExitIntent';
import { lazyCart } from '../../../src/shop/lazyCart';
import { createShopTracker } from '../../../src/shop/createShopTracker';

describe('scrubUrl', () => {
  test.each([
    ['https://s.vn/p?token=abc&x=1', 'https://s.vn/p?x=1'],
    ['https://s.vn/p?x=1&token=abc', 'https://s.vn/p?x=1'],
    ['https://s.vn/p?email=a%40b.com&token=t&keep=1', 'https://s.vn/p?keep=1'],
    ['https://s.vn/u/a.b%40x.com/o?q=me@x.co', 'https://s.vn/u/[redacted]/o?q=[redacted]'],
    ['https://s.vn/?ref=0912345678&id=12345678901', 'https://s.vn/?ref=[redacted]&id=12345678901'],
    ['https://s.vn/#access_token=1&b=2', 'https://s.vn/#b=2'],
    ['https://s.vn/p?utm_source=x', 'https://s.vn/p?utm_source=x'],
  ])('%s → %s', (a, b) => expect(scrubUrl(a)).toBe(b));
  test('configured parameters replace the default list', () => {
    expect(createUrlFilter(['ref'])('https://s.vn/?ref=1&token=2')).toBe('https://s.vn/?token=2');
  });
});

describe('defaultStage', () => {
  test.each([
    ['track', 'Product Viewed', 'consideration'],
    ['track', 'Checkout Started', 'purchase'],
    ['track', 'Order Completed', 'purchase'],
    ['track', 'Order Refunded', 'post_purchase'],
    ['track', 'Product Reviewed', 'advocacy'],
    ['track', 'Promotion Clicked', 'awareness'],
    ['track', 'Rating Submitted', undefined],
  ])('%s %s → %s', (type, event, stage) => expect(defaultStage(type, event)).toBe(stage));
  test('a page from a campaign is awareness; <body data-tp-stage> overrides', () => {
    history.replaceState({}, '', '/?utm_source=mail');
    expect(defaultStage('page', undefined)).toBe('awareness');
    history.replaceState({}, '', '/');
    expect(defaultStage('page', undefined)).toBeUndefined();
    document.body.dataset.tpStage = 'advocacy';
    expect(defaultStage('track', 'Product Viewed')).toBe('advocacy');
    document.body.dataset.tpStage = 'bogus';
    expect(defaultStage('track', 'Product Viewed')).toBe('consideration');
    delete document.body.dataset.tpStage;
  });
});

describe('cart', () => {
  const c0: Cart = { id: 'c', items: [], last: 0 };
  test('add, add again, remove some, remove all, order empties', () => {
    let c = applyEvent(c0, 'Product Added', { product_id: 'a', price: 10, quantity: 2, extra: 1 }, 1);
    c = applyEvent(c, 'Product Added', { product_id: 'a', price: 10 }, 2);
    c = applyEvent(c, 'Product Added', { sku: 'b', price: 2.5, quantity: 1 }, 3);
    expect(c.items).toEqual([{ product_id: 'a', price: 10, quantity: 3 }, { sku: 'b', price: 2.5, quantity: 1 }]);
    expect(cartValue(c.items)).toBe(32.5);
    c = applyEvent(c, 'Product Removed', { product_id: 'a', quantity: 1 }, 4);
    expect(c.items[0]!.quantity).toBe(2);
    c = applyEvent(c, 'Product Removed', { sku: 'b' }, 5);
    expect(c.items).toHaveLength(1);
    c = applyEvent(c, 'Checkout Started', {}, 6);
    expect(c).toMatchObject({ co: 6, last: 6 });
    expect(applyEvent(c, 'Cart Abandoned', {}, 9)).toBe(c);
    const done = applyEvent(c, 'Order Completed', { order_id: 'o' }, 7);
    expect(done.items).toEqual([]);
    expect(done.co).toBeUndefined();
    expect(done.id).not.toBe(c.id);
  });
  test('an add after an abandonment starts a new cart id', () => {
    const c = applyEvent({ ...c0, items: [{ product_id: 'a', quantity: 1 }], a: 1 }, 'Product Added', { product_id: 'b' }, 1);
    expect(c.id).not.toBe('c');
    expect(c.a).toBeUndefined();
    expect(c.items).toHaveLength(2);
  });
});

describe('tagProperties', () => {
  test('kebab → snake_case, numbers parsed for money, quantity and position only', () => {
    const el = document.createElement('button');
    el.innerHTML = '';
    for (const [k, v] of Object.entries({ event: 'Product Added', 'product-id': '007', price: '12.5', quantity: '2', position: '3', name: '42', stage: 'purchase', 'list-id': 'x' }))
      el.setAttribute(`data-tp-${k}`, v);
    expect(tagProperties(el)).toEqual({ product_id: '007', price: 12.5, quantity: 2, position: 3, name: '42', list_id: 'x' });
    el.setAttribute('data-tp-price', 'free');
    expect(tagProperties(el).price).toBe('free');
  });
});

describe('trackPageViews', () => {
  test('push, replace, same URL, hash: one view per new URL, previous URL as referrer', () => {
    history.replaceState({}, '', '/start');
    const page = vi.fn();
    const stop = trackPageViews({ page });
    history.pushState({}, '', '/a');
    history.replaceState({}, '', '/a');
    history.pushState({}, '', '/b');
    window.dispatchEvent(new Event('popstate'));
    stop();
    history.pushState({}, '', '/c');
    expect(page.mock.calls.map((c) => c[1])).toEqual([undefined, { referrer: 'http://localhost:3000/start' }, { referrer: 'http://localhost:3000/a' }]);
  });
});

describe('onExitIntent', () => {
  test('pointer out through the top fires only while `when` is true', () => {
    const cb = vi.fn();
    let active = false;
    const off = onExitIntent(cb, () => active);
    const out = () => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null }));
    out();
    active = true;
    out();
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 200, relatedTarget: null }));
    off();
    out();
    expect(cb).toHaveBeenCalledTimes(1);
  });

  test('a hidden page fires, but not while the page is being left (after pagehide)', () => {
    const cb = vi.fn();
    const off = onExitIntent(cb);
    const hidden = () => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    hidden();
    expect(cb).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('pagehide'));
    hidden();
    expect(cb).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('pageshow'));
    hidden();
    expect(cb).toHaveBeenCalledTimes(2);
    off();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
});

describe('createShopTracker options', () => {
  const endpoint = 'https://collect.example/';
  test.each([
    [{ pageViews: 'yes' }, 'touchpoint: option "pageViews" must be true or false (got "yes")'],
    [{ tagging: 1 }, 'touchpoint: option "tagging" must be true or false (got 1)'],
    [{ abandonMinutes: 0 }, 'touchpoint: option "abandonMinutes" must be a number above 0, at most 43200 (got 0)'],
    [{ abandonMinutes: 43_201 }, 'touchpoint: option "abandonMinutes" must be a number above 0, at most 43200 (got 43201)'],
    [{ scrubParams: ['token', ''] }, 'touchpoint: option "scrubParams" must be a list of names (got ["token",""])'],
    [{ scrubParams: 'token' }, 'touchpoint: option "scrubParams" must be a list of names (got "token")'],
    [{ pageViews: 'x', batchSize: 0 }, 'option "pageViews"'],
    [{ colour: 'red' }, 'unknown option "colour"'],
  ])('%o is rejected: %s', (extra, message) => {
    expect(() => createShopTracker({ endpoint, ...extra } as never)).toThrow(TypeError);
    expect(() => createShopTracker({ endpoint, ...extra } as never)).toThrow(message);
  });

  test('valid shop options are accepted', async () => {
    const t = createShopTracker({ endpoint, pageViews: false, tagging: false, abandonMinutes: 0.5, scrubParams: ['t'] });
    await t.destroy();
  });
});

describe('lazyCart: exit intent from the cart chunk (script tag)', () => {
  test('installs the listeners once the chunk arrived; the unsubscribe function works before and after', async () => {
    const offs = [vi.fn(), vi.fn()];
    const install = vi.fn(() => offs[install.mock.calls.length - 1]!);
    let arrive!: (chunk: unknown) => void;
    const chunk = new Promise<unknown>((ok) => (arrive = ok));
    const load = vi.fn(() => chunk);
    const { onExitIntent: lazyExit } = lazyCart(load);
    const when = () => true;
    const cb = vi.fn();
    const early = lazyExit(cb, when);
    const late = lazyExit(cb, when);
    expect(load).toHaveBeenCalledTimes(2);
    early();
    arrive({ onExitIntent: install });
    await new Promise((r) => setTimeout(r));
    expect(install).toHaveBeenCalledTimes(1);
    expect(install).toHaveBeenCalledWith(cb, when);
    expect(offs[0]).not.toHaveBeenCalled();
    late();
    expect(offs[0]).toHaveBeenCalledTimes(1);
  });

  test('a chunk that fails to load installs nothing and throws nothing', async () => {
    const off = lazyCart(() => Promise.reject(new Error('404'))).onExitIntent(() => {});
    await new Promise((r) => setTimeout(r));
    expect(() => off()).not.toThrow();
  });
});

describe('trackCart replay (script tag: events queued before the cart chunk arrived)', () => {
  const fakeTracker = () => {
    const listeners: ((e: any) => void)[] = [];
    return {
      track: vi.fn(),
      subscribe: (l: (e: any) => void) => (listeners.push(l), () => {}),
      emit: (e: any) => listeners.forEach((l) => l(e)),
    };
  };
  const added = (messageId: string) => ({ type: 'track', event: 'Product Added', messageId, properties: { product_id: 'b1', price: 10, quantity: 1 } });

  test('an event replayed twice (same messageId) counts once, and leaves the persisted queue once committed', async () => {
    const { trackCart } = await import('../../../src/shop/trackCart');
    const key = `replay-${Math.random()}`;
    localStorage.setItem(`${key}-cartq`, JSON.stringify([added('m1'), added('m2')]));
    const t = fakeTracker();
    const cart = trackCart(t, { storageKey: key });
    t.emit(added('m1'));
    t.emit(added('m1')); // the same event again, e.g. replayed by the next page
    t.emit(added('m2'));
    await vi.waitFor(() => expect(cart.items()[0]?.quantity).toBe(2));
    await vi.waitFor(() => expect(localStorage.getItem(`${key}-cartq`)).toBeNull());
    expect(localStorage.getItem(`${key}-cart`)).toBe('1');
    cart.stop();
  });
});
