/**
 * The `context` of an event: what is stable for the page (library, locale, time zone, screen,
 * user agent) is computed once; the page part is read at call time so SPA route changes and
 * calls replayed from the pre-load stub carry their own URL.
 */
import { withLs } from './localStore';
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

const TIME_ZONE_KEY = 'touchpoint:tz';

/**
 * The IANA time zone as an earlier page of the origin found it, without touching `Intl`: the first
 * `Intl` call of a page loads ICU data, measured at 40–165 ms of blocked main thread in Chromium,
 * which made start-up 3–4× a plain beacon tracker's.
 */
export const cachedTimeZone = (): string | undefined => withLs((s) => s.getItem(TIME_ZONE_KEY) ?? undefined);

/** Look the time zone up with `Intl` (slow the first time in a page); `keep`: cache it for later pages. */
export const lookUpTimeZone = (keep: boolean): string | undefined => {
  try {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (keep) withLs((s) => s.setItem(TIME_ZONE_KEY, timeZone));
    return timeZone;
  } catch {
    return undefined; // very old engines
  }
};

/**
 * Context fields that do not change while the page lives. `timezone` only when already cached
 * (see cachedTimeZone); the tracker looks it up once the page is idle.
 */
export const staticContext = (): Properties => {
  const n = globalThis.navigator;
  const s = globalThis.screen;
  return {
    library: { name: 'touchpoint', version: __VERSION__ },
    locale: n?.language,
    timezone: cachedTimeZone(),
    userAgent: n?.userAgent,
    screen: s ? { width: s.width, height: s.height, density: globalThis.devicePixelRatio } : undefined,
  };
};
