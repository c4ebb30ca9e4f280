import type { RatingTracker, RatingTrigger } from './types';

/** Subscribe to exit intent with a non-empty cart; returns an unsubscribe function. */
export type ExitIntentSubscribe = (cb: () => void) => () => void;

/** What a firing trigger knows about its moment (e.g. the order just completed). */
export interface TriggerContext {
  order_id?: string;
}

const path = () => location.pathname;

/**
 * Arm a trigger: `fire` runs each time it fires, after its delay, and only if the page (SPA route)
 * is still the one it fired on. Returns a function that disarms it. Never throws.
 */
export const armTrigger = (
  tracker: RatingTracker,
  trigger: RatingTrigger,
  fire: (ctx: TriggerContext) => void,
): (() => void) => {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const later = (seconds: number, ctx: TriggerContext) => {
    const at = path();
    timers.push(setTimeout(() => at == path() && fire(ctx), seconds * 1e3));
  };
  let off: (() => void) | undefined;
  try {
    if (trigger.type == 'delay') later(trigger.seconds, {});
    else if (trigger.type == 'exitIntent') {
      const sub =
        trigger.subscribe ?? (tracker as { onExitIntent?: ExitIntentSubscribe }).onExitIntent?.bind(tracker);
      off = sub?.(() => fire({}));
    } else if (trigger.type != 'manual') {
      const name = trigger.type == 'event' ? trigger.event : 'Order Completed';
      off = tracker.subscribe((e) => {
        if (e.type == 'track' && e.event == name) {
          const id = e.properties?.order_id;
          later(trigger.delay ?? 0, typeof id == 'string' ? { order_id: id } : {});
        }
      });
    }
  } catch {
    // A broken hook must not break the page; the survey just never fires.
  }
  return () => {
    timers.forEach(clearTimeout);
    try {
      off?.();
    } catch {}
  };
};
