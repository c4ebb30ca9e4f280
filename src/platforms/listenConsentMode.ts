/**
 * `listenConsentMode(tracker, options)`: follows Google Consent Mode v2 on the data layer —
 * `gtag('consent', 'default' | 'update', {analytics_storage, …})` — and sets the tracker's
 * consent from `analytics_storage` (the Consent Mode signal for analytics; `ad_storage`,
 * `ad_user_data` and `ad_personalization` concern advertising, which we do not do):
 *
 * | command | `analytics_storage` | tracker consent |
 * |---|---|---|
 * | default | granted | granted |
 * | default | denied | pending (kept in memory, nothing sent, until an update) |
 * | update | granted | granted |
 * | update | denied | denied (dropped; a later grant starts a new visitor) |
 *
 * A default is the site's state *before* the visitor chose, so a denied default holds events
 * rather than dropping them. Region-scoped defaults (`region: [...]`) are applied as if the
 * visitor were in the region: we cannot know where they are, and holding is the safe side.
 */
import type { ConsentState, Tracker } from '../core/types';
import { gtagCall, observeDataLayer } from './observeDataLayer';
import { setTrackerConsent } from './trackerConsent';

/** Options of {@link listenConsentMode}. */
export interface ConsentModeOptions {
  /** Name of the data-layer array on `window`. Default `'dataLayer'`. */
  name?: string;
}

/** The consent state a Consent Mode command means, or undefined when it says nothing about analytics. */
export const consentModeState = (command: unknown, params: unknown): ConsentState | undefined => {
  const storage = (params as { analytics_storage?: unknown } | null)?.analytics_storage;
  if (storage !== 'granted' && storage !== 'denied') return;
  if (command === 'default') return storage === 'granted' ? 'granted' : 'pending';
  if (command === 'update') return storage;
};

/** Start following Consent Mode; returns a function that stops. */
export const listenConsentMode = (tracker: Pick<Tracker, 'setConsent'>, options: ConsentModeOptions = {}): (() => void) => {
  if (typeof tracker?.setConsent !== 'function') throw new TypeError('touchpoint: listenConsentMode(tracker): a tracker is required');
  let current: ConsentState | undefined;
  /** Once the visitor's choice (an update) is known, a later default (a tag re-running its set-up) does not undo it. */
  let updated = false;
  return observeDataLayer(typeof options.name === 'string' && options.name ? options.name : 'dataLayer', (entry) => {
    const call = gtagCall(entry);
    if (call?.[0] !== 'consent') return;
    const state = consentModeState(call[1], call[2]);
    if (!state || (updated && call[1] === 'default')) return;
    updated ||= call[1] === 'update';
    if (state === current) return;
    current = state;
    setTrackerConsent(tracker, state);
  });
};
