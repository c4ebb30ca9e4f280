/**
 * Touchpoint and journey stage for events that came without them — a shop whose pages already
 * speak Segment (analytics.js, RudderStack) and point them at this collector. Derived with the
 * SDK's own defaults, so plain Segment traffic and SDK traffic land on the same journey map:
 * the touchpoint is the page path (the tracker's default), else the page's name; the stage comes
 * from the event (`eventStage`: commerce events by name, a page view from a campaign or another
 * site is awareness). What the event says itself always wins.
 */
import type { TouchpointEvent } from '../schema/event';
import { eventStage } from '../shop/eventStage';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Path of a URL, or undefined when it is not one. */
const pathOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
};

/** The event's touchpoint and stage: its own, else the SDK's defaults; null when nothing says. */
export const deriveJourney = (event: TouchpointEvent): { touchpoint: string | null; journeyStage: string | null } => {
  const context = obj(event.context);
  const page = obj(context.page);
  const props = obj((event as { properties?: unknown }).properties);
  const isPage = event.type === 'page';
  const url = str(page.url) ?? (isPage ? str(props.url) : undefined);
  const touchpoint =
    str(context.touchpoint) ??
    (str(page.path) ?? (isPage ? str(props.path) : undefined) ?? pathOf(url) ?? (isPage ? str((event as { name?: unknown }).name) : undefined))?.slice(0, 200);
  const journeyStage =
    str(context.journey_stage) ??
    eventStage(event.type, event.type === 'track' ? event.event : undefined, { url, referrer: str(page.referrer) ?? (isPage ? str(props.referrer) : undefined) });
  return { touchpoint: touchpoint ?? null, journeyStage: journeyStage ?? null };
};
