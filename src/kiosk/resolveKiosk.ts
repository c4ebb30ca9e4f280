/**
 * Validate kiosk options and apply the defaults. Returns the reason instead of throwing: a kiosk
 * that cannot start says so on its screen (and in the console) rather than leaving a blank page.
 */
import { JOURNEY_STAGES } from '../core/limits';
import { SCALE_NAMES } from '../widget/scales';
import { parseOpeningHours, storeClock, type Opening } from './openingHours';
import type { KioskOptions } from './types';

/** Ids: what a store or device id may contain (it ends up in URLs, reports and file names). */
export const ID = /^[A-Za-z0-9][\w.:-]{0,63}$/;

/** Options with every default applied. */
export type ResolvedKiosk = Required<
  Pick<
    KioskOptions,
    | 'endpoint' | 'storeId' | 'touchpoint' | 'journeyStage' | 'surveyId' | 'scale' | 'idleSeconds' | 'countdownSeconds'
    | 'thanksSeconds' | 'responseInterval' | 'heartbeatMinutes' | 'queueCap' | 'appVersion' | 'orderInput'
    | 'fullscreen' | 'storageKey' | 'flushInterval' | 'debug' | 'timeZone'
  >
> & {
    /** Parsed opening hours, when configured. */
    hours?: Opening[];
  } &
  Omit<KioskOptions, 'deviceId'> & { deviceId?: string };

const range = (o: KioskOptions, k: keyof KioskOptions, lo: number, hi: number, def: number): number => {
  const v = o[k];
  if (v === undefined) return def;
  if (typeof v != 'number' || !(v >= lo && v <= hi)) throw `"${k}" must be a number from ${lo} to ${hi} (got ${String(v)})`;
  return v;
};

/** Apply defaults; `{ error }` names the first bad or missing option. */
export const resolveKiosk = (o: KioskOptions): ResolvedKiosk | { error: string } => {
  try {
    if (!o || typeof o != 'object') throw 'options are missing';
    if (!o.storeId) throw 'no store id (set data-store-id on the script tag, ?store_id= in the URL, or the storeId option)';
    if (typeof o.storeId != 'string' || !ID.test(o.storeId)) throw `store id ${JSON.stringify(o.storeId)} is not 1-64 of A-Z a-z 0-9 _ . : -`;
    if (o.deviceId !== undefined && (typeof o.deviceId != 'string' || !ID.test(o.deviceId)))
      throw `device id ${JSON.stringify(o.deviceId)} is not 1-64 of A-Z a-z 0-9 _ . : -`;
    if (!o.endpoint || typeof o.endpoint != 'string') throw 'no endpoint (set data-endpoint or the endpoint option)';
    if (o.scale !== undefined && !SCALE_NAMES.includes(o.scale)) throw `"scale" must be one of ${SCALE_NAMES.join(', ')}`;
    if (o.journeyStage !== undefined && !JOURNEY_STAGES.includes(o.journeyStage)) throw `"journeyStage" must be one of ${JOURNEY_STAGES.join(', ')}`;
    for (const k of ['touchpoint', 'surveyId', 'appVersion', 'orderId', 'storageKey'] as const)
      if (o[k] !== undefined && (typeof o[k] != 'string' || !o[k] || o[k]!.length > 100)) throw `"${k}" must be a text of 1-100 characters`;
    const idleSeconds = range(o, 'idleSeconds', 3, 600, 10);
    const timeZone = o.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      storeClock(timeZone);
    } catch {
      throw `"timeZone" ${JSON.stringify(o.timeZone)} is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)`;
    }
    let hours: Opening[] | undefined;
    if (o.openingHours !== undefined) {
      if (typeof o.openingHours != 'string') throw '"openingHours" must be a text like "08:00-22:00"';
      try {
        hours = parseOpeningHours(o.openingHours);
      } catch (e) {
        throw `"openingHours": bad entry ${e}`;
      }
    }
    return {
      ...o,
      touchpoint: o.touchpoint ?? 'store_kiosk',
      timeZone,
      hours,
      journeyStage: o.journeyStage ?? 'post_purchase',
      surveyId: o.surveyId ?? 'kiosk',
      scale: o.scale ?? 'smiley4',
      idleSeconds,
      countdownSeconds: range(o, 'countdownSeconds', 0, idleSeconds, Math.min(5, idleSeconds)),
      thanksSeconds: range(o, 'thanksSeconds', 0.5, 30, 3),
      responseInterval: range(o, 'responseInterval', 0, 60, 5),
      heartbeatMinutes: range(o, 'heartbeatMinutes', 1, 1440, 15),
      queueCap: Math.floor(range(o, 'queueCap', 100, 1_000_000, 50_000)),
      flushInterval: Math.floor(range(o, 'flushInterval', 50, 3_600_000, 5000)),
      appVersion: o.appVersion ?? __VERSION__,
      orderInput: !!o.orderInput,
      fullscreen: o.fullscreen ?? true,
      storageKey: o.storageKey ?? 'touchpoint-kiosk',
      debug: !!o.debug,
    };
  } catch (e) {
    return { error: String(e) };
  }
};
