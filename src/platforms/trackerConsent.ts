/**
 * The consent state the platform listeners set on a tracker, readable by the other listeners.
 * The tracker has no getter for it, and each listener is its own script-tag chunk (its own
 * bundle), so the state is noted on the tracker object under `Symbol.for('touchpoint.consent')`,
 * a key every bundle resolves to the same symbol (never serialised, never enumerated by JSON).
 */
import type { ConsentState, Tracker } from '../core/types';

const KEY = Symbol.for('touchpoint.consent');
type Noted = { [KEY]?: ConsentState };

/** Note a consent state on the tracker (anything but the three states is ignored). */
export const noteConsent = (tracker: object, state: unknown): void => {
  if (state === 'granted' || state === 'pending' || state === 'denied') (tracker as Noted)[KEY] = state;
};

/** Note the state, then set it: a wrapped `setConsent` (the data-layer listener's) reads it. */
export const setTrackerConsent = (tracker: Pick<Tracker, 'setConsent'>, state: ConsentState): void => {
  noteConsent(tracker, state);
  tracker.setConsent(state);
};

/** The consent last set through {@link setTrackerConsent}, else the tracker's initial option. */
export const trackerConsent = (tracker: Partial<Pick<Tracker, 'options'>>): ConsentState | undefined =>
  (tracker as Noted)[KEY] ?? tracker.options?.consent;
