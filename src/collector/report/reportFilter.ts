import { CHANNELS } from '../../core/limits';
import type { EventQuery } from '../store';

/** Report languages. */
export type Lang = 'en' | 'vi';

/** The report's filter, as read from the query string (`?from=&to=&channel=&store=&lang=`). */
export interface ReportFilter {
  /** First local day, `YYYY-MM-DD`. */
  from: string;
  /** Last local day, `YYYY-MM-DD`, or null for "up to now". */
  to: string | null;
  /** `web`, `kiosk`, `app`, `store`, or null for all. */
  channel: string | null;
  /** A store id, or null for all. */
  store: string | null;
  lang: Lang;
}

const DAY = 86_400_000;
const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(`${v}T00:00:00Z`));

/**
 * Read the filter from a report URL. Unknown or malformed values fall back to the defaults (last
 * `defaultDays` days, all channels, all stores) instead of failing: the page is for people.
 * The language comes from `?lang=`, else `Accept-Language`, else `defaultLang`.
 */
export const parseReportFilter = (
  url: URL,
  { now, defaultDays = 30, acceptLanguage = null, defaultLang = 'en' }: { now: number; defaultDays?: number; acceptLanguage?: string | null; defaultLang?: Lang },
): ReportFilter => {
  const q = url.searchParams;
  const to = isDay(q.get('to')) ? q.get('to')! : null;
  const fromDefault = new Date(now - (defaultDays - 1) * DAY).toISOString().slice(0, 10);
  const from = isDay(q.get('from')) ? q.get('from')! : fromDefault;
  const channel = q.get('channel');
  const store = q.get('store')?.trim().slice(0, 200) || null;
  const lang = q.get('lang');
  return {
    from,
    to,
    channel: channel && (CHANNELS as readonly string[]).includes(channel) ? channel : null,
    store,
    lang: lang === 'vi' || lang === 'en' ? lang : acceptLanguage && /^\s*vi\b/i.test(acceptLanguage) ? 'vi' : defaultLang,
  };
};

/** The store query of a filter: days are local days at the touchpoint (its own clock offset). */
export const toEventQuery = (f: ReportFilter): EventQuery => ({
  fromLocal: Date.parse(`${f.from}T00:00:00Z`),
  ...(f.to ? { toLocal: Date.parse(`${f.to}T00:00:00Z`) + DAY - 1 } : {}),
  ...(f.channel ? { channel: f.channel } : {}),
  ...(f.store ? { storeId: f.store } : {}),
});
