/**
 * `startKiosk(options)`: turn the page into a full-screen rating station. The rating itself is
 * the widget (`presentRating` into a host element, through the kiosk's tracker in kioskRating.ts);
 * around it a terminal needs the kiosk machine (idle time-out, thank-you, repeated presses, a
 * fresh respondent each time: kioskLoop.ts), the heartbeat, persistent storage, the wake lock and
 * the lock-down. The running kiosk's state lives in one place (station.ts). It never throws: a
 * kiosk that cannot start says why on its screen and in the console; run-time problems go to
 * `onError` only, never onto the customers' screen.
 */
import type { Transport } from '../core/transport';
import { surveyLang } from '../widget/resolveSurvey';
import type { EventListener } from '../core/types';
import { createKioskTracker, type KioskTracker } from './createKioskTracker';
import { deviceId as makeDeviceId } from './deviceId';
import { keepAwake } from './keepAwake';
import { kioskHeartbeat } from './kioskHeartbeat';
import { dispatch, setOrder, showQuestion } from './kioskLoop';
import { initialKiosk } from './kioskMachine';
import { watchPresses } from './kioskPresses';
import { kioskRatingTracker, kioskSurvey } from './kioskRating';
import { kioskScreen, type KioskScreen } from './kioskScreen';
import { kioskStringsFor } from './kioskStrings';
import { lockDown } from './lockDown';
import { ORDER_CODE, orderCodeControl } from './orderCodeControl';
import { requestPersistence } from './persistStorage';
import { resolveKiosk, type ResolvedKiosk } from './resolveKiosk';
import type { Station } from './station';
import type { KioskHandle, KioskOptions } from './types';

/** Injection points for tests; not part of the documented options. */
export interface KioskDeps {
  transport?: Transport;
  /** Called with every event the kiosk's tracker accepted. */
  listen?: EventListener;
}

/** What a kiosk that did not start returns. */
const refused = (screen: KioskScreen, why: string): KioskHandle => {
  screen.refuse(why);
  return { error: why, setOrderId() {}, heartbeat: async () => {}, stop: async () => screen.host.remove() };
};

/** Run-time problems: `onError` and the debug log, never the screen. */
const reporter = (r: ResolvedKiosk) => (cause: unknown) => {
  try {
    r.onError?.({ code: 'plugin_failed', message: `kiosk: ${cause}`, cause });
  } catch {}
  if (r.debug) console.log('[touchpoint kiosk]', cause);
};

/** The kiosk's tracker, from its resolved options (throws like `createTracker` for bad ones). */
const kioskTracker = (r: ResolvedKiosk, ids: { store_id: string; device_id: string }, transport?: Transport) =>
  createKioskTracker(
    {
      endpoint: r.endpoint,
      writeKey: r.writeKey,
      touchpoint: r.touchpoint,
      journeyStage: r.journeyStage,
      queueCap: r.queueCap,
      flushInterval: r.flushInterval,
      retry: r.retry,
      storageKey: r.storageKey,
      debug: r.debug,
      // A kiosk is the store's device, not a visitor's browser: its GPC setting is not a shopper's signal.
      gpc: 'ignore',
      // allowBots: always on in createKioskTracker (a kiosk is the store's device, not a crawler).
      onError: r.onError,
    },
    ids,
    transport,
  );

/** Put the station together (nothing runs yet). */
const createStation = (r: ResolvedKiosk, kt: KioskTracker, screen: KioskScreen, lang: string): Station => {
  const report = reporter(r);
  const st: Station = {
    r,
    kt,
    screen,
    timings: { idleMs: r.idleSeconds * 1000, thanksMs: r.thanksSeconds * 1000, intervalMs: r.responseInterval * 1000 },
    countdownMs: r.countdownSeconds * 1000,
    // Both need the station itself: set just below, before anything runs.
    proxy: undefined!,
    survey: undefined!,
    state: { machine: initialKiosk(), orderId: r.orderId, heartbeatDue: false, stopped: false, cleanup: [] },
    report,
    send(event, properties, options) {
      try {
        kt.track(event, properties, options);
      } catch (e) {
        report(e);
      }
    },
  };
  st.proxy = kioskRatingTracker(st);
  st.survey = kioskSurvey(st, lang, () => void dispatch(st, { type: 'thanks', at: Date.now() }));
  return st;
};

/** Listeners, intervals and device set-up; each leaves an undo function in `state.cleanup`. */
const wire = (st: Station, deps: KioskDeps) => {
  const { kt, report, state } = st;
  const beat = () => void kioskHeartbeat(st).catch(report);
  state.cleanup.push(kt.tracker.subscribe((e) => (state.lastMessageId = (e as { messageId?: string }).messageId)));
  if (deps.listen) state.cleanup.push(kt.tracker.subscribe(deps.listen));
  state.cleanup.push(watchPresses(st));
  const onOnline = () => void kt.tracker.flush().then(beat).catch(report);
  window.addEventListener('online', onOnline);
  const every = setInterval(beat, st.r.heartbeatMinutes * 60_000);
  state.cleanup.push(() => window.removeEventListener('online', onOnline), () => clearInterval(every));
  try {
    state.cleanup.push(lockDown(), keepAwake(report));
  } catch (e) {
    report(e);
  }
};

/** Stop everything the station started; its queued events stay in IndexedDB. */
const stopStation = (st: Station) => {
  const s = st.state;
  s.stopped = true;
  clearTimeout(s.wakeTimer);
  clearTimeout(s.retryTimer);
  s.rating?.close();
  for (const undo of s.cleanup.splice(0))
    try {
      undo();
    } catch {}
};

/**
 * Start a kiosk. Returns a handle; `handle.error` says why it refused to start (no store id,
 * bad endpoint …), in which case the screen and the console say so too.
 *
 * @example
 * startKiosk({ endpoint: 'https://collect.example.vn', storeId: 'hcm-1', deviceId: 'exit-2', lang: 'vi' });
 */
export const startKiosk = (options: KioskOptions, deps: KioskDeps = {}): KioskHandle => {
  // The screen's language: the option, else the page's when built in (vi, en), else English.
  const lang = surveyLang({ id: '', lang: options?.lang });
  const ks = kioskStringsFor(lang, options?.kioskStrings);
  const screen = kioskScreen(options?.container, lang, ks);
  const r = resolveKiosk(options);
  if ('error' in r) return refused(screen, r.error);
  const ids = { store_id: r.storeId, device_id: r.deviceId ?? makeDeviceId(r.storageKey) };
  let kt: KioskTracker;
  try {
    kt = kioskTracker(r, ids, deps.transport);
  } catch (e) {
    return refused(screen, (e as Error).message);
  }
  // Asked at start: a kiosk keeps days of ratings offline, and browsers evict unpersisted data.
  requestPersistence();
  const st = createStation(r, kt, screen, lang);
  if (r.orderInput) {
    st.order = orderCodeControl(ks, (code) => setOrder(st, code));
    screen.main.append(st.order.element);
    setOrder(st, r.orderId);
  }
  wire(st, deps);
  try {
    showQuestion(st);
  } catch (e) {
    // A bad survey definition (labels, follow-up …) throws at set-up in the widget.
    stopStation(st);
    void kt.tracker.destroy();
    return refused(screen, (e as Error).message);
  }
  void kioskHeartbeat(st).catch(st.report);

  return {
    storeId: ids.store_id,
    deviceId: ids.device_id,
    setOrderId: (v) => setOrder(st, typeof v == 'string' && ORDER_CODE.test(v.trim()) ? v.trim() : undefined),
    heartbeat: () => kioskHeartbeat(st).catch(st.report),
    async stop() {
      if (st.state.stopped) return;
      stopStation(st);
      screen.host.remove();
      await kt.tracker.destroy();
    },
  };
};
