/**
 * `startKiosk(options)`: turn the page into a full-screen rating station. The rating itself is
 * the widget (`startRating` into a host element, through a tracker proxy that adds the kiosk's
 * ids, order code and `repeat_presses`); this controller adds what a terminal needs around it:
 * the kiosk state machine (idle time-out, thank-you, repeated presses, a fresh respondent each
 * time), the heartbeat, the wake lock and the lock-down. It never throws: a kiosk that cannot
 * start says why on its screen and in the console; run-time problems go to `onError` only,
 * never onto the customers' screen.
 */
import type { Transport } from '../core/transport';
import type { CallOptions, EventListener, Properties } from '../core/types';
import { h } from '../widget/h';
import { startRating } from '../widget/startRating';
import { memoryStore } from '../widget/store';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from '../widget/types';
import { createKioskTracker, type KioskTracker } from './createKioskTracker';
import { deviceId as makeDeviceId } from './deviceId';
import { keepAwake } from './keepAwake';
import { initialKiosk, kioskStep, nextWake, type KioskAction, type KioskEffect, type PressTarget } from './kioskMachine';
import { kioskStringsFor } from './kioskStrings';
import { addStyles, FRAME_CSS, WIDGET_CSS } from './kioskStyles';
import { lockDown } from './lockDown';
import { readBattery } from './readBattery';
import { resolveKiosk } from './resolveKiosk';
import type { KioskHandle, KioskOptions } from './types';

/** Injection points for tests; not part of the documented options. */
export interface KioskDeps {
  transport?: Transport;
  /** Called with every event the kiosk's tracker accepted. */
  listen?: EventListener;
}

const CONTROL = /^(BUTTON|INPUT|TEXTAREA|LABEL|SELECT)$/;
const ORDER = /^[\w.:#/-]{1,64}$/;

/**
 * Start a kiosk. Returns a handle; `handle.error` says why it refused to start (no store id,
 * bad endpoint …), in which case the screen and the console say so too.
 *
 * @example
 * startKiosk({ endpoint: 'https://collect.example.vn', storeId: 'hcm-1', deviceId: 'exit-2', lang: 'vi' });
 */
export const startKiosk = (options: KioskOptions, deps: KioskDeps = {}): KioskHandle => {
  const page = document.documentElement.lang;
  const lang = options?.lang || (/^(vi|en)\b/i.test(page) ? page : 'en');
  const ks = kioskStringsFor(lang, options?.kioskStrings);
  const host = document.createElement('div');
  host.setAttribute('data-touchpoint-kiosk', '');
  (options?.container ?? document.body).append(host);
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, FRAME_CSS);
  // The page's one heading names the station for screen-reader users; the rating is the content.
  const main = h('main', { class: 'k', lang }, [h('h1', { class: 'v' }, document.title || 'Kiosk')]);
  root.append(main);

  const refuse = (why: string): KioskHandle => {
    const msg = ks.refused.replace('{why}', why);
    console.error(`[touchpoint kiosk] ${msg}`);
    main.append(h('p', { class: 'e', role: 'alert' }, msg));
    return { error: why, setOrderId() {}, heartbeat: async () => {}, stop: async () => host.remove() };
  };

  const r = resolveKiosk(options);
  if ('error' in r) return refuse(r.error);
  const ids = { store_id: r.storeId, device_id: r.deviceId ?? makeDeviceId(r.storageKey) };
  const onError = r.onError;
  const report = (cause: unknown) => {
    try {
      onError?.({ code: 'plugin_failed', message: `kiosk: ${cause}`, cause });
    } catch {}
    if (r.debug) console.log('[touchpoint kiosk]', cause);
  };
  let kt: KioskTracker;
  try {
    kt = createKioskTracker(
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
        onError,
      },
      ids,
      deps.transport,
    );
  } catch (e) {
    return refuse((e as Error).message);
  }

  const timings = { idleMs: r.idleSeconds * 1000, thanksMs: r.thanksSeconds * 1000, intervalMs: r.responseInterval * 1000 };
  const cdMs = r.countdownSeconds * 1000;
  let s = initialKiosk();
  let rating: RatingHandle | undefined;
  let last: { p: Properties; o?: CallOptions } | undefined;
  let lastId: string | undefined;
  let order = r.orderId;
  let stopped = false;
  let beatDue = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const undo: (() => void)[] = [];
  undo.push(kt.tracker.subscribe((e) => (lastId = (e as { messageId?: string }).messageId)));
  if (deps.listen) undo.push(kt.tracker.subscribe(deps.listen));

  const slot = h('div', { class: 's' });
  const widgetHost = h('div');
  slot.append(widgetHost);
  const countdown = h('p', { class: 'c', hidden: '' });
  main.append(slot, countdown);

  const send = (event: string, p: Properties, o?: CallOptions) => {
    try {
      kt.track(event, p, o);
    } catch (e) {
      report(e);
    }
  };
  const sendRating = () => last && send('Feedback Submitted', { ...last.p, repeat_presses: s.repeats }, last.o);

  const beat = async () => {
    // A heartbeat inside a respondent's session would tie device health to a customer.
    if (stopped || (beatDue = s.ratedAt !== undefined)) return;
    const [health, battery] = await Promise.all([kt.health(), readBattery()]);
    if (stopped || (beatDue = s.ratedAt !== undefined)) return;
    send('Kiosk Heartbeat', { ...health, ...battery, app_version: r.appVersion, online: navigator.onLine !== false });
  };

  const run = (f: KioskEffect) => {
    if (f == 'restart') show();
    else if (f == 'report') sendRating(), dispatch({ type: 'recorded' });
    else if (f == 'reset') {
      kt.tracker.reset();
      last = undefined;
      if (order && order == r.orderId) forgetUrlOrder();
      order = undefined;
      if (beatDue) void beat().catch(report);
    }
  };

  const paint = () => {
    const left = s.stage == 'followup' && s.until !== undefined ? s.until - Date.now() : Infinity;
    const show = left <= cdMs && left > 0;
    countdown.toggleAttribute('hidden', !show);
    countdown.textContent = show ? ks.countdown.replace('{n}', `${Math.ceil(left / 1000)}`) : '';
  };

  /** Wake at the next deadline, and every second of the visible countdown. */
  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    let at = nextWake(s, timings);
    if (s.stage == 'followup' && s.until !== undefined) {
      const left = s.until - Date.now();
      const step = left > cdMs ? left - cdMs : left % 1000 || 1000;
      at = Math.min(at ?? Infinity, Date.now() + step);
    }
    if (at !== undefined) timer = setTimeout(() => dispatch({ type: 'tick', at: Date.now() }), Math.max(0, at - Date.now()));
  };

  function dispatch(a: KioskAction): KioskEffect[] {
    const [next, fx] = kioskStep(s, a, timings);
    s = next;
    for (const f of fx)
      try {
        run(f);
      } catch (e) {
        report(e);
      }
    schedule();
    paint();
    return fx;
  }

  /** What the widget records goes through here: kiosk ids, order code, repeats; no "shown" on a screen that always shows. */
  const proxy: RatingTracker = {
    options: kt.tracker.options,
    subscribe: (l) => kt.tracker.subscribe(l),
    track(event, p = {}, o) {
      const at = Date.now();
      if (event == 'Feedback Shown') return;
      if (event == 'Feedback Dismissed') return void setTimeout(() => dispatch({ type: 'dismissed', at }));
      if (event == 'Feedback Submitted') {
        if (s.stage == 'question') dispatch({ type: 'rated', at, followUp: p.completed === false });
        else if (s.stage == 'followup') dispatch({ type: 'completed', at });
        last = { p: { ...p, ...(order && !p.order_id ? { order_id: order } : {}) }, o };
        sendRating();
        dispatch({ type: 'recorded' });
        return;
      }
      send(event, p, o);
    },
  };

  const survey: ShowRatingOptions = {
    id: r.surveyId,
    scale: r.scale,
    type: r.surveyType,
    question: r.question,
    labels: r.labels,
    lang,
    strings: r.strings,
    followUp: r.followUp ?? false,
    touchpoint: r.touchpoint,
    journeyStage: r.journeyStage,
    presentation: 'inline',
    force: true,
    // The kiosk ends the thank-you itself (its machine); the widget's own timer is a backstop.
    thanksMs: 60_000,
    store: memoryStore(),
    beforeThanks: () => {
      const id = lastId;
      return (id ? kt.committed(id) : Promise.resolve()).then(() => void dispatch({ type: 'thanks', at: Date.now() }));
    },
  };

  let retry: ReturnType<typeof setTimeout> | undefined;
  function show() {
    clearTimeout(retry);
    rating?.close();
    if (stopped) return;
    const handle = (rating = startRating(proxy, survey, widgetHost));
    handle.shown.then((ok) => {
      if (ok) addStyles(widgetHost.shadowRoot!, WIDGET_CSS);
      // The one-survey-on-screen lock of the previous card may not be released yet: try again.
      else if (rating == handle && !stopped) retry = setTimeout(show, 200);
    }, report);
  }

  const forgetUrlOrder = () => {
    try {
      const u = new URL(location.href);
      ['order_id', 'order', 'receipt'].forEach((k) => u.searchParams.delete(k));
      history.replaceState(history.state, '', u.href);
    } catch {}
  };

  // Staff: a small button to link the next rating to a receipt code.
  let staff: HTMLElement | undefined;
  if (r.orderInput) {
    const input = h('input', { id: 'oi', autocomplete: 'off', inputmode: 'text', maxlength: '64' }) as HTMLInputElement;
    const ok = h('button', { type: 'button' }, ks.ok);
    const panel = h('div', { class: 'p', hidden: '' }, [h('label', { for: 'oi' }, ks.order), input, ok]);
    const open = h('button', { type: 'button', class: 'o', 'aria-label': ks.order, 'aria-expanded': 'false' }, '#');
    const toggle = (on: boolean) => (panel.toggleAttribute('hidden', !on), open.setAttribute('aria-expanded', `${on}`), on && input.focus());
    open.onclick = () => toggle(panel.hasAttribute('hidden'));
    ok.onclick = () => {
      const v = input.value.trim();
      order = ORDER.test(v) ? v : undefined;
      input.value = '';
      toggle(false);
    };
    staff = h('div', {}, [open, panel]);
    main.append(staff);
  }

  // Presses: counted while a rating's response interval runs, swallowed on faces and thank-you.
  const onPress = (e: Event) => {
    const path = e.composedPath() as Element[];
    if (staff && path.includes(staff)) return;
    if (e.type == 'keydown' && !/^( |Enter)$/.test((e as KeyboardEvent).key)) {
      if (s.stage == 'followup') dispatch({ type: 'press', at: Date.now(), target: 'control' });
      return;
    }
    if (r.fullscreen && e.type == 'click' && !document.fullscreenElement)
      document.documentElement.requestFullscreen?.().catch(() => {});
    const target: PressTarget = path.some((el) => el.getAttribute?.('role') == 'radio')
      ? 'face'
      : path.some((el) => CONTROL.test(el.tagName ?? ''))
        ? 'control'
        : 'other';
    if (dispatch({ type: 'press', at: Date.now(), target }).includes('block')) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  for (const type of ['click', 'keydown', 'input']) {
    main.addEventListener(type, onPress, true);
    undo.push(() => main.removeEventListener(type, onPress, true));
  }

  const onOnline = () => void kt.tracker.flush().then(beat).catch(report);
  window.addEventListener('online', onOnline);
  undo.push(() => window.removeEventListener('online', onOnline));
  const every = setInterval(() => void beat().catch(report), r.heartbeatMinutes * 60_000);
  undo.push(() => clearInterval(every));
  try {
    undo.push(lockDown(), keepAwake(report));
  } catch (e) {
    report(e);
  }

  try {
    show();
  } catch (e) {
    // A bad survey definition (labels, follow-up …) throws at set-up in the widget.
    undo.forEach((f) => f());
    void kt.tracker.destroy();
    return refuse((e as Error).message);
  }
  void beat().catch(report);

  return {
    storeId: ids.store_id,
    deviceId: ids.device_id,
    setOrderId(v) {
      order = typeof v == 'string' && ORDER.test(v.trim()) ? v.trim() : undefined;
    },
    heartbeat: () => beat().catch(report),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      clearTimeout(retry);
      rating?.close();
      undo.splice(0).forEach((f) => {
        try {
          f();
        } catch {}
      });
      host.remove();
      await kt.tracker.destroy();
    },
  };
};
