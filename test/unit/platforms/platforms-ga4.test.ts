/** GA4 → Segment V2 mapping, the data-layer observer, Consent Mode and TCF state rules. */
import { describe, expect, test } from 'vitest';
import { checkCommerce } from '../../../src/shop/checkCommerce';
import { mapGa4Event, GA4_EVENTS } from '../../../src/platforms/mapGa4Event';
import { observeDataLayer, gtagCall } from '../../../src/platforms/observeDataLayer';
import { consentModeState } from '../../../src/platforms/listenConsentMode';
import { tcfState } from '../../../src/platforms/listenTcf';
import { resolveOptions } from '../../../src/core/resolveOptions';

const items = [
  { item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', item_brand: 'Google', item_category: 'Apparel', item_variant: 'green', price: 10.01, quantity: 3, index: 0, coupon: 'SUMMER_FUN', discount: 2.22, item_list_id: 'related_products' },
  { item_id: 'SKU_12346', item_name: "Google Grey Women's Tee", price: '21.01', quantity: '2' },
];
const tee = { product_id: 'SKU_12345', name: 'Stan and Friends Tee', brand: 'Google', category: 'Apparel', variant: 'green', price: 10.01, quantity: 3, position: 0, coupon: 'SUMMER_FUN', discount: 2.22, list_id: 'related_products' };
const grey = { product_id: 'SKU_12346', name: "Google Grey Women's Tee", price: 21.01, quantity: 2 };

describe('mapGa4Event', () => {
  test('each GA4 ecommerce event maps to its Segment V2 event, and every mapped event passes the commerce checks', () => {
    const params = { currency: 'usd', value: 72.05, transaction_id: 'T_12345', coupon: 'SUMMER_SALE', shipping: 3.33, tax: 3.6, shipping_tier: 'Ground', payment_type: 'Credit Card', item_list_id: 'related_products', item_list_name: 'Related products', items };
    const names = GA4_EVENTS.map((e) => mapGa4Event(e, params).map(([n]) => n));
    expect(names).toEqual([
      ['Product Viewed'], ['Product List Viewed'], ['Product Clicked'], ['Product Added', 'Product Added'], ['Product Removed', 'Product Removed'],
      ['Cart Viewed'], ['Checkout Started'], ['Checkout Step Completed'], ['Payment Info Entered'], ['Order Completed'], ['Order Refunded'],
    ]);
    for (const e of GA4_EVENTS) for (const [n, p] of mapGa4Event(e, params)) expect(checkCommerce(n, p)).toBeUndefined();
  });

  test('purchase: transaction_id → order_id, money, coupon, products', () => {
    expect(mapGa4Event('purchase', { transaction_id: 'T_12345', value: '72.05', tax: 3.6, shipping: 3.33, currency: 'USD', coupon: 'SUMMER_SALE', affiliation: 'Google Store', items })).toEqual([
      ['Order Completed', { order_id: 'T_12345', affiliation: 'Google Store', value: 72.05, revenue: 72.05, currency: 'USD', coupon: 'SUMMER_SALE', tax: 3.6, shipping: 3.33, products: [tee, grey] }],
    ]);
  });

  test('add_to_cart: one Product Added per item with the currency; bad values are left out', () => {
    expect(mapGa4Event('add_to_cart', { currency: 'VND', items: [{ item_id: 'tea-1', price: -5, quantity: 1.5, item_name: '  ' }] })).toEqual([['Product Added', { currency: 'VND', product_id: 'tea-1' }]]);
    expect(mapGa4Event('add_to_cart', { items: 'nope' })).toEqual([]);
  });

  test('steps, lists and unknown events', () => {
    expect(mapGa4Event('add_shipping_info', { shipping_tier: 'Express', value: 5 })[0]).toEqual(['Checkout Step Completed', { step: 3, shipping_method: 'Express', value: 5, products: [] }]);
    expect(mapGa4Event('view_item_list', { item_list_id: 'l1', item_list_name: 'Teas', items: [items[1]] })[0]).toEqual(['Product List Viewed', { list_id: 'l1', category: 'Teas', products: [grey] }]);
    expect(mapGa4Event('page_view', { items })).toEqual([]);
    expect(mapGa4Event('login', null)).toEqual([]);
  });
});

describe('observeDataLayer', () => {
  test('replays what is there, sees later pushes after the original push ran, and keeps its return value', () => {
    const w = window as unknown as { probe?: unknown[] };
    w.probe = [{ event: 'gtm.js' }];
    const seenByGtm: unknown[] = [];
    // A GTM-like wrapper installed before us: it must still see every push, first.
    const gtmPush = w.probe.push;
    w.probe.push = function (...a: unknown[]) {
      seenByGtm.push(...a);
      return gtmPush.apply(this, a);
    };
    const seen: unknown[] = [];
    const stop = observeDataLayer('probe', (e) => {
      seen.push(e);
      if ((e as { boom?: boolean }).boom) throw new Error('mapping bug');
    });
    expect(w.probe.push({ a: 1 }, { boom: true })).toBe(3);
    expect(seenByGtm).toEqual([{ a: 1 }, { boom: true }]);
    expect(seen).toEqual([{ event: 'gtm.js' }, { a: 1 }, { boom: true }]);
    stop();
    w.probe.push({ b: 2 });
    expect(seen).toHaveLength(3);
    expect(seenByGtm).toHaveLength(3);
  });

  test('gtag calls arrive as arguments objects', () => {
    function gtag(..._a: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    expect(gtagCall(gtag('event', 'purchase', { value: 1 }))).toEqual(['event', 'purchase', { value: 1 }]);
    expect(gtagCall({ event: 'purchase' })).toBeUndefined();
    expect(gtagCall(null)).toBeUndefined();
  });
});

test('Consent Mode: analytics_storage of default and update → consent states', () => {
  expect(consentModeState('default', { analytics_storage: 'denied', ad_storage: 'denied' })).toBe('pending');
  expect(consentModeState('default', { analytics_storage: 'granted' })).toBe('granted');
  expect(consentModeState('update', { analytics_storage: 'denied' })).toBe('denied');
  expect(consentModeState('update', { analytics_storage: 'granted' })).toBe('granted');
  expect(consentModeState('update', { ad_storage: 'granted' })).toBeUndefined();
});

describe('TCF v2.2', () => {
  const tc = (consents: number[], li: number[] = [], eventStatus = 'useractioncomplete') => ({
    gdprApplies: true,
    eventStatus,
    purpose: { consents: Object.fromEntries(consents.map((n) => [n, true])), legitimateInterests: Object.fromEntries(li.map((n) => [n, true])) },
  });
  test('purpose 1 by consent, 8 and 9 by consent or legitimate interest', () => {
    expect(tcfState(tc([1, 8, 9]))).toBe('granted');
    expect(tcfState(tc([1], [8, 9]))).toBe('granted');
    expect(tcfState(tc([8, 9], [1]))).toBe('denied');
    expect(tcfState(tc([1, 8]))).toBe('denied');
    expect(tcfState(tc([1, 2, 3, 4, 7, 10]))).toBe('denied');
  });
  test('publisher purposes count; gdprApplies false grants; the UI shown is pending', () => {
    expect(tcfState({ gdprApplies: true, eventStatus: 'tcloaded', publisher: { consents: { 1: true, 8: true, 9: true } } })).toBe('granted');
    expect(tcfState({ gdprApplies: false })).toBe('granted');
    expect(tcfState(tc([], [], 'cmpuishown'))).toBe('pending');
    expect(tcfState(tc([1, 8, 9], [], 'somethingelse'))).toBeUndefined();
  });
});

test('allowBots is a checked boolean option', () => {
  expect(resolveOptions({ endpoint: 'https://c.example' }).allowBots).toBe(false);
  expect(() => resolveOptions({ endpoint: 'https://c.example', allowBots: 'yes' as unknown as boolean })).toThrow(/allowBots/);
});

describe('listenConsentMode on a data layer', () => {
  test('default then update apply in order; a later default does not undo the update; only changes are applied', async () => {
    const { listenConsentMode } = await import('../../../src/platforms/listenConsentMode');
    const w = window as unknown as { cmLayer?: unknown[] };
    function gtag(..._a: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      w.cmLayer!.push(arguments);
    }
    w.cmLayer = [];
    gtag('consent', 'default', { analytics_storage: 'denied' });
    const states: string[] = [];
    const stop = listenConsentMode({ setConsent: (s) => states.push(s) }, { name: 'cmLayer' });
    expect(states).toEqual(['pending']);
    gtag('consent', 'update', { ad_storage: 'granted' });
    gtag('consent', 'update', { analytics_storage: 'granted' });
    gtag('consent', 'update', { analytics_storage: 'granted' });
    gtag('consent', 'default', { analytics_storage: 'denied' });
    gtag('event', 'purchase', { analytics_storage: 'denied' });
    expect(states).toEqual(['pending', 'granted']);
    gtag('consent', 'update', { analytics_storage: 'denied' });
    expect(states).toEqual(['pending', 'granted', 'denied']);
    stop();
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(states).toHaveLength(3);
  });
});
