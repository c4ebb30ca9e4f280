/**
 * The `context` of an event: what is stable for the page (library, locale, time zone, screen,
 * user agent) is computed once; the page part is read at call time so SPA route changes and
 * calls replayed from the pre-load stub carry their own URL.
 */
import type { Properties } from './types';

/** `context.page` fields of the current document. */
export interface PageInfo {
  url: string;
  path: string;
  title: string;
  referrer: string;
  search: string;
}

/** A function that removes personal data from a URL (see `scrubUrl`). */
export type UrlFilter = (url: string) => string;

/** Page fields of the current location, passed through `filter`. */
export const pageInfo = (filter: UrlFilter = (u) => u): PageInfo => {
  const l = globalThis.location;
  const d = globalThis.document;
  if (!l) return { url: '', path: '', title: '', referrer: '', search: '' };
  const url = new URL(filter(l.href));
  return {
    url: url.href,
    path: url.pathname,
    title: d?.title ?? '',
    referrer: d?.referrer ? filter(d.referrer) : '',
    search: url.search,
  };
};

/** Ad click ids kept in `campaign` under their own names (where did the shopper come from). */
const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'twclid', 'li_fat_id'];

/**
 * UTM parameters (and ad click ids) of a URL as a Segment `campaign` object, or undefined when
 * there are none.
 */
export const campaignOf = (href: string): Properties | undefined => {
  let q: URLSearchParams;
  try {
    q = new URL(href).searchParams;
  } catch {
    return undefined;
  }
  const c: Properties = {};
  for (const k of ['source', 'medium', 'name', 'term', 'content', 'id', ...CLICK_IDS]) {
    const v = q.get(CLICK_IDS.includes(k) ? k : k === 'name' ? 'utm_campaign' : `utm_${k}`);
    if (v) c[k] = v.slice(0, 500);
  }
  return Object.keys(c).length ? c : undefined;
};

/** Context fields that do not change while the page lives. */
export const staticContext = (): Properties => {
  const n = globalThis.navigator;
  const s = globalThis.screen;
  let timezone: string | undefined;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    /* very old engines */
  }
  return {
    library: { name: 'touchpoint', version: __VERSION__ },
    locale: n?.language,
    timezone,
    userAgent: n?.userAgent,
    screen: s ? { width: s.width, height: s.height, density: globalThis.devicePixelRatio } : undefined,
  };
};
