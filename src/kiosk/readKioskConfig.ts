/**
 * Kiosk options from a script tag's `data-*` attributes and the page's URL parameters, for the
 * script-tag chunk. The script tag wins (it is the store's own set-up); URL parameters fill what it
 * leaves out, so one page can serve every tablet (`kiosk.html?store_id=hcm-1&device_id=exit-2`).
 * Values stay strings or numbers as written; `resolveKiosk` validates them.
 */
import type { KioskOptions } from './types';

/** data-* name (kebab case) or URL parameter (snake case) → option. */
const TEXT = ['endpoint', 'store-id', 'device-id', 'write-key', 'touchpoint', 'journey-stage', 'survey-id', 'scale', 'survey-type', 'question', 'lang', 'app-version', 'storage-key', 'opening-hours', 'time-zone'];
const NUMBER = ['idle-seconds', 'countdown-seconds', 'thanks-seconds', 'response-interval', 'heartbeat-minutes', 'queue-cap', 'flush-interval'];
/** Only these may come from the URL: ids, where to send, language; never the storage or timings. */
const FROM_URL = ['endpoint', 'store-id', 'device-id', 'lang'];
const camel = (k: string) => k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const list = (v: string | undefined) => v?.split('|').map((x) => x.trim()).filter(Boolean);

/** Read the options a script tag and a URL carry. */
export const readKioskConfig = (data: DOMStringMap = {}, search = ''): Partial<KioskOptions> => {
  const url = new URLSearchParams(search);
  const get = (k: string) => data[camel(k)] ?? (FROM_URL.includes(k) ? url.get(k.replace(/-/g, '_')) ?? undefined : undefined);
  const o: Record<string, unknown> = {};
  for (const k of TEXT) if (get(k) !== undefined) o[camel(k)] = get(k);
  for (const k of NUMBER) if (get(k) !== undefined) o[camel(k)] = Number(get(k));
  const order = url.get('order_id') ?? url.get('order') ?? url.get('receipt');
  if (order) o.orderId = order;
  if (data.labels) o.labels = list(data.labels);
  // data-follow-up="reasons" (default: the built-in kiosk reasons and an optional comment after
  // every answer) | "comment" (a comment question only) | "none";
  // data-reasons="long_wait|staff|Our own reason" replaces the reasons after a negative or neutral answer.
  const reasons = list(data.reasons);
  const none = { reasons: [] };
  if (data.followUp == 'none') o.followUp = false;
  else if (data.followUp == 'comment') o.followUp = { negative: none, neutral: none, positive: none };
  else if (reasons?.length) o.followUp = { negative: { reasons }, neutral: { reasons } };
  for (const k of ['order-input', 'fullscreen', 'debug'])
    if (data[camel(k)] !== undefined) o[camel(k)] = data[camel(k)] != 'false';
  return o as Partial<KioskOptions>;
};
