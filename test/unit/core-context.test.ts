import { afterEach, describe, expect, test, vi } from 'vitest';
import { campaignOf, pageInfo, staticContext, lookUpTimeZone } from '../../src/core/context';

const original = location.href;
afterEach(() => {
  history.replaceState(null, '', original);
  vi.unstubAllGlobals();
});

describe('pageInfo', () => {
  test('current URL, path, search and title', () => {
    history.replaceState(null, '', '/shop/cart?utm_source=mail&x=1#top');
    document.title = 'Giỏ hàng';
    const p = pageInfo();
    expect(p.url).toBe(new URL('/shop/cart?utm_source=mail&x=1#top', original).href);
    expect(p.path).toBe('/shop/cart');
    expect(p.search).toBe('?utm_source=mail&x=1');
    expect(p.title).toBe('Giỏ hàng');
    expect(typeof p.referrer).toBe('string');
  });

  test('the URL filter applies to url, path, search and referrer', () => {
    history.replaceState(null, '', '/account/alice@example.com?email=alice@example.com');
    const filter = (u: string) => u.replace(/[^/?=&]+@[^/?=&]+/g, 'REDACTED');
    const p = pageInfo(filter);
    expect(p.url).not.toContain('alice');
    expect(p.path).toBe('/account/REDACTED');
    expect(p.search).toBe('?email=REDACTED');
  });

  test('no location (worker-like) → empty fields', () => {
    vi.stubGlobal('location', undefined);
    expect(pageInfo()).toEqual({ url: '', path: '', title: '', referrer: '', search: '' });
  });
});

describe('campaignOf', () => {
  test('UTM parameters → Segment campaign (utm_campaign → name)', () => {
    expect(
      campaignOf('https://s.example/?utm_source=zalo&utm_medium=social&utm_campaign=tet&utm_term=ao+dai&utm_content=v2&utm_id=9'),
    ).toEqual({ source: 'zalo', medium: 'social', name: 'tet', term: 'ao dai', content: 'v2', id: '9' });
  });
  test('no UTM → undefined; a bad URL → undefined', () => {
    expect(campaignOf('https://s.example/?q=1')).toBeUndefined();
    expect(campaignOf('not a url')).toBeUndefined();
  });
  test('ad click ids are kept under their own names, alone or beside UTM parameters', () => {
    expect(campaignOf('https://s.example/?gclid=abc&x=1')).toEqual({ gclid: 'abc' });
    expect(campaignOf('https://s.example/?utm_source=fb&fbclid=f1&ttclid=t1')).toEqual({ source: 'fb', fbclid: 'f1', ttclid: 't1' });
  });
  test('values are cut to 500 characters', () => {
    expect(campaignOf(`https://s.example/?utm_source=${'s'.repeat(600)}`)!.source).toHaveLength(500);
  });
});

describe('staticContext', () => {
  test('library, locale, timezone (once looked up: start-up never loads Intl), userAgent, screen', () => {
    localStorage.clear();
    expect((staticContext() as Record<string, any>).timezone).toBeUndefined();
    expect(lookUpTimeZone(false)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect((staticContext() as Record<string, any>).timezone).toBeUndefined(); // not kept
    expect(lookUpTimeZone(true)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const c = staticContext() as Record<string, any>;
    expect(c.library).toEqual({ name: 'touchpoint', version: '0.0.0-test' });
    expect(c.locale).toBe(navigator.language);
    expect(c.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(c.userAgent).toBe(navigator.userAgent);
    expect(c.screen).toEqual({ width: screen.width, height: screen.height, density: devicePixelRatio });
  });
  test('no navigator / screen → fields undefined, no throw', () => {
    vi.stubGlobal('navigator', undefined);
    vi.stubGlobal('screen', undefined);
    const c = staticContext();
    expect(c.locale).toBeUndefined();
    expect(c.screen).toBeUndefined();
  });
});
