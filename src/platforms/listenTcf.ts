/**
 * `listenTcf(tracker, options)`: follows the IAB Transparency & Consent Framework v2.2 CMP of the
 * page through `__tcfapi('addEventListener', 2, callback)` and sets the tracker's consent.
 *
 * Purposes required (TCF v2.2 policy, Appendix A), by consent of the visitor either to the
 * vendors' purposes (`purpose.consents`) or to the publisher's own (`publisher.consents`, the
 * shop measuring its own site — which is what this SDK does):
 * - **Purpose 1** "Store and/or access information on a device": the SDK keeps its queue and ids
 *   in IndexedDB/localStorage. Consent only: v2.2 allows no legitimate interest for purpose 1.
 * - **Purpose 8** "Measure content performance": page and product views, ratings per touchpoint.
 * - **Purpose 9** "Understand audiences through statistics or combinations of data from different
 *   sources": the journey report's aggregates.
 *   Purposes 8 and 9 may rest on consent or on legitimate interest (allowed for them in v2.2).
 * Purpose 7 (advertising performance) is not ours to claim: the SDK measures no ads.
 *
 * `gdprApplies: false` → granted. While the CMP's UI is shown (`cmpuishown`) → pending. On
 * `tcloaded` / `useractioncomplete` → granted when all three are allowed, else denied.
 */
import type { ConsentState, Tracker } from '../core/types';
import { setTrackerConsent } from './trackerConsent';

/** The shape of the TC data this reads (TCF v2.2 CMP API). */
export interface TcData {
  gdprApplies?: boolean;
  eventStatus?: 'tcloaded' | 'cmpuishown' | 'useractioncomplete' | string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean>; legitimateInterests?: Record<string, boolean> };
  publisher?: { consents?: Record<string, boolean>; legitimateInterests?: Record<string, boolean> };
}

/** Options of {@link listenTcf}. */
export interface TcfOptions {
  /** Purposes needing consent. Default `[1]`. */
  consentPurposes?: number[];
  /** Purposes needing consent or legitimate interest. Default `[8, 9]`. */
  measurementPurposes?: number[];
}

/** The consent state TC data means, or undefined when it is not final yet. */
export const tcfState = (tc: TcData | null | undefined, consentPurposes = [1], measurementPurposes = [8, 9]): ConsentState | undefined => {
  if (!tc || typeof tc !== 'object') return;
  if (tc.gdprApplies === false) return 'granted';
  if (tc.eventStatus === 'cmpuishown') return 'pending';
  if (tc.eventStatus !== 'tcloaded' && tc.eventStatus !== 'useractioncomplete') return;
  const consent = (n: number) => tc.purpose?.consents?.[n] === true || tc.publisher?.consents?.[n] === true;
  const interest = (n: number) => tc.purpose?.legitimateInterests?.[n] === true || tc.publisher?.legitimateInterests?.[n] === true;
  const ok = consentPurposes.every(consent) && measurementPurposes.every((n) => consent(n) || interest(n));
  return ok ? 'granted' : 'denied';
};

type TcfApi = (command: string, version: number, callback: (tc: TcData, success: boolean) => void, parameter?: unknown) => void;

/**
 * Start following the CMP; returns a function that stops. Without `__tcfapi` on the page (now or
 * once the page has loaded) consent stays as it is — `pending` when the script tag's
 * `data-tcf` set it — and the debug log says why.
 */
export const listenTcf = (tracker: Pick<Tracker, 'setConsent'> & Partial<Pick<Tracker, 'options'>>, options: TcfOptions = {}): (() => void) => {
  if (typeof tracker?.setConsent !== 'function') throw new TypeError('touchpoint: listenTcf(tracker): a tracker is required');
  let current: ConsentState | undefined;
  let listenerId: number | undefined;
  let on = true;
  const w = globalThis as unknown as { __tcfapi?: TcfApi };
  const attach = () => {
    if (!on || listenerId !== undefined || typeof w.__tcfapi !== 'function') return false;
    try {
      w.__tcfapi('addEventListener', 2, (tc, success) => {
        if (!on || !success) return;
        if (typeof tc?.listenerId === 'number') listenerId = tc.listenerId;
        const state = tcfState(tc, options.consentPurposes, options.measurementPurposes);
        if (!state || state === current) return;
        current = state;
        setTrackerConsent(tracker, state);
      });
    } catch (e) {
      if (tracker.options?.debug) console.log('[touchpoint] __tcfapi failed', e);
    }
    return true;
  };
  if (!attach() && typeof addEventListener === 'function') {
    const later = () => {
      if (!attach() && tracker.options?.debug) console.log('[touchpoint] data-tcf: no __tcfapi on this page; consent unchanged');
    };
    if (document.readyState === 'complete') setTimeout(later);
    else addEventListener('load', later, { once: true });
  }
  return () => {
    on = false;
    if (listenerId !== undefined) w.__tcfapi?.('removeEventListener', 2, () => {}, listenerId);
  };
};
