/**
 * Type-level tests of the public API (`src/index.ts`). They are checked by `tsc` (npm run
 * typecheck) and by vitest's expectTypeOf at run time; `@ts-expect-error` lines fail the type
 * check if a misuse ever stops being an error.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import * as api from '../../src/index';
import {
  createTracker,
  type CallOptions,
  type Channel,
  type ConsentState,
  type ErrorCode,
  type EventListener,
  type GpcMode,
  type JourneyStage,
  type Properties,
  type ResolvedOptions,
  type TouchpointError,
  type TouchpointEvent,
  type Tracker,
  type TrackerOptions,
} from '../../src/index';

describe('public API: types', () => {
  test('createTracker(options) returns a Tracker', () => {
    expectTypeOf(createTracker).parameter(0).toEqualTypeOf<TrackerOptions>();
    expectTypeOf(createTracker).returns.toEqualTypeOf<Tracker>();
  });

  test('the package entry exports the tracker and the shop helpers at run time, nothing internal', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'COMMERCE_EVENTS', 'SCRUB_PARAMS', 'cartValue', 'checkCommerce', 'createShopTracker', 'createTracker',
        'createUrlFilter', 'defaultStage', 'isCurrency', 'onExitIntent', 'scrubUrl', 'stubSnippet', 'tagElements',
        'tagProperties', 'trackCart', 'trackCommerce', 'trackPageViews',
      ].sort(),
    );
  });

  test('Tracker methods', () => {
    expectTypeOf<Tracker['track']>().toEqualTypeOf<(event: string, properties?: Properties, options?: CallOptions) => void>();
    expectTypeOf<Tracker['page']>().toEqualTypeOf<(name?: string, properties?: Properties, options?: CallOptions) => void>();
    expectTypeOf<Tracker['identify']>().toEqualTypeOf<(userId: string | null, traits?: Properties, options?: CallOptions) => void>();
    expectTypeOf<Tracker['reset']>().toEqualTypeOf<() => void>();
    expectTypeOf<Tracker['flush']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Tracker['destroy']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Tracker['setConsent']>().parameter(0).toEqualTypeOf<ConsentState>();
    expectTypeOf<Tracker['subscribe']>().parameter(0).toEqualTypeOf<EventListener>();
    expectTypeOf<Tracker['subscribe']>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<Tracker['options']>().toEqualTypeOf<Readonly<ResolvedOptions>>();
  });

  test('options is read-only', () => {
    const t = {} as Tracker;
    // @ts-expect-error options cannot be reassigned
    t.options = {} as ResolvedOptions;
    // @ts-expect-error nor its fields
    t.options.batchSize = 5;
  });

  test('TrackerOptions: endpoint is the only required field', () => {
    expectTypeOf<{ endpoint: string }>().toExtend<TrackerOptions>();
    expectTypeOf<{ writeKey: string }>().not.toExtend<TrackerOptions>();
    expectTypeOf<TrackerOptions['endpoint']>().toEqualTypeOf<string>();
    expectTypeOf<TrackerOptions['channel']>().toEqualTypeOf<Channel | undefined>();
    expectTypeOf<TrackerOptions['consent']>().toEqualTypeOf<ConsentState | undefined>();
    expectTypeOf<TrackerOptions['gpc']>().toEqualTypeOf<GpcMode | undefined>();
    expectTypeOf<TrackerOptions['retry']>().toEqualTypeOf<{ minDelay?: number; maxDelay?: number } | undefined>();
    expectTypeOf<TrackerOptions['onError']>().toEqualTypeOf<((error: TouchpointError) => void) | undefined>();
  });

  test('misuse is a type error', () => {
    const opts = { endpoint: 'https://c.example/', flushInterval: 3_600_000, storageKey: 'types-test' };
    const make = () => createTracker(opts);
    // Only checked by tsc; never called.
    if (Math.random() > 2) {
      const t = make();
      // @ts-expect-error event name must be a string
      t.track(42);
      // @ts-expect-error properties must be an object
      t.track('A', 'red');
      // @ts-expect-error unknown channel
      t.track('A', {}, { channel: 'tv' });
      // @ts-expect-error unknown journey stage
      t.track('A', {}, { journey_stage: 'checkout' });
      // @ts-expect-error unknown consent state
      t.setConsent('maybe');
      // @ts-expect-error identify needs a user id or null
      t.identify();
      // @ts-expect-error unknown option
      createTracker({ ...opts, batchsize: 10 });
      // @ts-expect-error endpoint is required
      createTracker({ writeKey: 'k' });
      // @ts-expect-error gpc mode
      createTracker({ ...opts, gpc: 'on' });
    }
    expect(typeof make).toBe('function');
  });

  test('unions', () => {
    expectTypeOf<Channel>().toEqualTypeOf<'web' | 'kiosk' | 'app' | 'store'>();
    expectTypeOf<JourneyStage>().toEqualTypeOf<'awareness' | 'consideration' | 'purchase' | 'post_purchase' | 'advocacy'>();
    expectTypeOf<ConsentState>().toEqualTypeOf<'granted' | 'pending' | 'denied'>();
    expectTypeOf<GpcMode>().toEqualTypeOf<'anonymous' | 'deny' | 'ignore'>();
    expectTypeOf<ErrorCode>().toEqualTypeOf<
      | 'invalid_call'
      | 'event_too_large'
      | 'not_serialisable'
      | 'storage_unavailable'
      | 'events_dropped'
      | 'delivery_rejected'
      | 'delivery_failed'
      | 'consent_denied'
      | 'plugin_failed'
    >();
  });

  test('TouchpointError', () => {
    expectTypeOf<TouchpointError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<TouchpointError['message']>().toEqualTypeOf<string>();
    expectTypeOf<TouchpointError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TouchpointError['count']>().toEqualTypeOf<number | undefined>();
  });

  test('CallOptions', () => {
    expectTypeOf<CallOptions['channel']>().toEqualTypeOf<Channel | undefined>();
    expectTypeOf<CallOptions['journey_stage']>().toEqualTypeOf<JourneyStage | undefined>();
    expectTypeOf<CallOptions['timestamp']>().toEqualTypeOf<Date | undefined>();
  });

  test('ResolvedOptions: defaults make these fields non-optional', () => {
    expectTypeOf<ResolvedOptions['batchUrl']>().toEqualTypeOf<string>();
    expectTypeOf<ResolvedOptions['batchSize']>().toEqualTypeOf<number>();
    expectTypeOf<ResolvedOptions['channel']>().toEqualTypeOf<Channel>();
    expectTypeOf<ResolvedOptions['consent']>().toEqualTypeOf<ConsentState>();
    expectTypeOf<ResolvedOptions['retry']>().toEqualTypeOf<{ minDelay: number; maxDelay: number }>();
    expectTypeOf<ResolvedOptions['debug']>().toEqualTypeOf<boolean>();
    expectTypeOf<ResolvedOptions['writeKey']>().toEqualTypeOf<string | undefined>();
  });

  test('TouchpointEvent: the wire type inferred from the schema, discriminated by type', () => {
    expectTypeOf<TouchpointEvent['type']>().toEqualTypeOf<'track' | 'page' | 'identify'>();
    expectTypeOf<TouchpointEvent['messageId']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<TouchpointEvent, { type: 'track' }>['event']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<TouchpointEvent, { type: 'identify' }>>().toHaveProperty('traits');
    expectTypeOf<EventListener>().parameter(0).toEqualTypeOf<TouchpointEvent>();
  });
});
