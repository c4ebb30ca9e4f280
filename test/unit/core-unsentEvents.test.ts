/** The one owner of a tab's unsent events and its exit hand-over state (src/core/unsentEvents.ts). */
import { expect, test } from 'vitest';
import { EXIT_BUDGET, EXIT_RESERVE, KEEPALIVE_BUDGET } from '../../src/core/pack';
import { createUnsentEvents } from '../../src/core/unsentEvents';

const ev = (i: number) => ({ k: `e:${i}`, v: `{"i":${i}}` });

test('own events are capped oldest first; the request under way is not among those to hand over', () => {
  const u = createUnsentEvents();
  u.keep([ev(1), ev(2), ev(3)], 2);
  expect(u.own()).toEqual([ev(2), ev(3)]);
  u.setInFlight({ events: [ev(2)], bytes: 100 });
  expect(u.own()).toEqual([ev(3)]);
  u.setInFlight(undefined);
  u.delivered([ev(2).k]);
  expect(u.own()).toEqual([ev(3)]);
  expect(u.acknowledged()).toEqual([ev(2).k]);
  u.deleted([ev(2).k]);
  expect(u.acknowledged()).toEqual([]);
});

test('one exit budget per page: the keepalive budget minus its named reserve, minus the request under way, once', () => {
  expect(EXIT_BUDGET).toBe(KEEPALIVE_BUDGET - EXIT_RESERVE);
  const u = createUnsentEvents();
  u.keep([ev(1), ev(2)], 10);
  u.setInFlight({ events: [ev(1)], bytes: 1000 });
  expect(u.startExit()).toEqual({ budget: EXIT_BUDGET - 1000, inFlightKeys: [ev(1).k] });
  u.handedOver([ev(1).k, ev(2).k], 500);
  expect(u.own()).toEqual([]);
  // A second exit (events tracked after pagehide) gets what is left; the request is not counted again.
  expect(u.startExit()).toEqual({ budget: 500, inFlightKeys: [] });
  u.restore();
  expect(u.startExit().budget).toBe(EXIT_BUDGET - 1000);
});

test('a write still pending never brings back what was handed over; uncommitted events exclude it', () => {
  const u = createUnsentEvents();
  u.writing([ev(1), ev(2)]);
  u.handedOver([ev(1).k], EXIT_BUDGET);
  expect(u.uncommitted()).toEqual([ev(2)]);
  expect(u.notHanded([ev(1), ev(2)])).toEqual([ev(2)]);
  u.written([ev(1), ev(2)]);
  expect(u.uncommitted()).toEqual([]);
});
