/** Shared fakes for the widget unit tests: a tracker that records calls and replays events. */
import type { CallOptions, EventListener, Properties, ResolvedOptions } from '../../src/core/types';
import type { TouchpointEvent } from '../../src/schema/event';
import type { RatingTracker } from '../../src/widget/types';

export interface Call {
  event: string;
  properties: Properties;
  options?: CallOptions;
}

/** A tracker fake: `calls` records `track()`, `emit()` plays an accepted event to subscribers. */
export const fakeTracker = (options: Partial<ResolvedOptions> = {}) => {
  const listeners = new Set<EventListener>();
  const calls: Call[] = [];
  const errors: unknown[] = [];
  const tracker = {
    options: { channel: 'web', onError: (e: unknown) => errors.push(e), ...options } as ResolvedOptions,
    track(event: string, properties: Properties = {}, opts?: CallOptions) {
      calls.push({ event, properties: JSON.parse(JSON.stringify(properties)), options: opts });
      const e = { type: 'track', event, properties, messageId: String(calls.length), anonymousId: 'a' };
      listeners.forEach((l) => l(e as TouchpointEvent));
    },
    subscribe(l: EventListener) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  const emit = (event: string, properties: Properties = {}) => tracker.track(event, properties);
  const named = (name: string) => calls.filter((c) => c.event == name);
  return { tracker: tracker as RatingTracker, calls, errors, emit, named, listeners };
};

/** Let pending promises (IndexedDB, locks) settle. */
export const settle = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

/** The shadow root of the survey on screen (floating surveys are appended to body). */
export const card = () => {
  for (const el of document.querySelectorAll('body *')) {
    const c = el.shadowRoot?.querySelector('.w');
    if (c) return { root: el.shadowRoot!, card: c as HTMLElement, host: el as HTMLElement };
  }
  return undefined;
};

export const radios = () => [...(card()?.root.querySelectorAll<HTMLElement>('[role=radio]') ?? [])];

export const key = (el: Element, k: string) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
