/** startKiosk in happy-dom: refusal, one rating for many presses, idle reset, fresh respondents, ids on every event. */
import { withBatchContext } from '../../src/collector/batchContext';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKiosk } from '../../src/kiosk/startKiosk';
import type { KioskHandle, KioskOptions } from '../../src/kiosk/types';
import type { Transport } from '../../src/core/transport';
import { DEFAULT_REASONS, REASONS } from '../../src/schema/reasons';

let handle: KioskHandle | undefined;
let n = 0;
afterEach(async () => {
  await handle?.stop();
  handle = undefined;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (fn: () => unknown, ms = 3000) => {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await sleep(10);
  return fn();
};
/** A collector that accepts everything: the delivered events, with the ids added at write time. */
const collector = () => {
  const batches: any[] = [];
  const transport: Transport = {
    send: async (_url, body) => (batches.push(JSON.parse(body)), { status: 200 }),
    beacon: () => false,
  };
  // As the collector reads a batch: its shared context merged into each event.
  return { transport, delivered: () => batches.flatMap((b) => b.batch.map((e: unknown) => withBatchContext(e, b.context))) };
};

const start = (o: Partial<KioskOptions> = {}) => {
  const events: any[] = [];
  const c = collector();
  handle = startKiosk(
    {
      endpoint: 'https://c.example',
      storeId: 'hcm-1',
      deviceId: 'exit-2',
      storageKey: `kiosk-unit-${++n}`,
      lang: 'en',
      fullscreen: false,
      thanksSeconds: 0.5,
      responseInterval: 1,
      idleSeconds: 3,
      countdownSeconds: 2,
      flushInterval: 50,
      followUp: false,
      ...o,
    },
    { transport: c.transport, listen: (e) => events.push(JSON.parse(JSON.stringify(e))) },
  );
  const kiosk = () => document.querySelector('[data-touchpoint-kiosk]')!.shadowRoot!;
  const widget = () => kiosk().querySelector('.s > div')!.shadowRoot;
  const faces = () => [...(widget()?.querySelectorAll<HTMLElement>('[role=radio]') ?? [])];
  const named = (e: string) => events.filter((x) => x.event == e);
  const delivered = (e: string) => c.delivered().filter((x) => x.event == e);
  return { events, kiosk, widget, faces, named, delivered };
};

describe('startKiosk', () => {
  it('refuses to start without a store id: says so on screen and in the console', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    handle = startKiosk({ endpoint: 'https://c.example' } as KioskOptions);
    expect(handle.error).toMatch(/no store id/);
    const alert = document.querySelector('[data-touchpoint-kiosk]')!.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).toMatch(/^This kiosk cannot start: no store id/);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/\[touchpoint kiosk\] This kiosk cannot start: no store id/));
  });

  it('refuses a bad endpoint (the tracker validation) without throwing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    handle = startKiosk({ endpoint: 'ftp://x', storeId: 's1' });
    expect(handle.error).toMatch(/endpoint/);
  });

  it('shows four faces with text labels; a heartbeat with ids, version and queue depth goes out at start', async () => {
    const k = start();
    await until(() => k.faces().length == 4);
    expect(k.faces().map((f) => f.textContent)).toEqual(['Very bad', 'Bad', 'Good', 'Very good']);
    expect(k.faces().map((f) => f.querySelector('svg')?.getAttribute('class'))).toEqual(['e m0', 'e m1', 'e m3', 'e m4']);
    expect(k.widget()!.querySelector('.x')).not.toBeNull(); // present but hidden by the kiosk sheet
    await until(() => k.named('Kiosk Heartbeat').length);
    const [hb] = k.named('Kiosk Heartbeat');
    expect(hb.properties).toMatchObject({
      store_id: 'hcm-1',
      device_id: 'exit-2',
      app_version: '0.0.0-test',
      queue_depth: expect.any(Number),
      local_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(hb.properties).not.toHaveProperty('outside_hours'); // no opening hours configured
    expect(hb.context).toMatchObject({ channel: 'kiosk', store_id: 'hcm-1', device_id: 'exit-2' });
    expect(k.named('Feedback Shown')).toHaveLength(0);
  });

  it('twenty presses in quick succession: one rating, then the same rating again with repeat_presses 19', async () => {
    const k = start();
    await until(() => k.faces().length == 4);
    const face = k.faces()[0]!;
    face.click();
    for (let i = 0; i < 19; i++) {
      // the first presses land on the thank-you, the later ones on the fresh question's faces
      const f = k.faces()[0] ?? k.widget()!.querySelector<HTMLElement>('.w')!;
      f.click();
      await sleep(30);
    }
    await until(() => k.named('Feedback Submitted').length == 2, 3000);
    const subs = k.named('Feedback Submitted');
    expect(subs).toHaveLength(2);
    expect(new Set(subs.map((s) => s.properties.submission_id)).size).toBe(1);
    expect(subs.map((s) => s.properties.repeat_presses)).toEqual([0, 19]);
    await until(() => k.delivered('Feedback Submitted').length == 2);
    const sent = k.delivered('Feedback Submitted');
    expect(sent[1].anonymousId).toBe(sent[0].anonymousId); // the update belongs to the same respondent
    expect(sent[1].context.session_id).toBe(sent[0].context.session_id);
    for (const s of subs) {
      expect(s.properties).toMatchObject({ score: 1, scale_min: 1, scale_max: 4, survey_type: 'smiley', completed: true, store_id: 'hcm-1', device_id: 'exit-2' });
      expect(s.context).toMatchObject({ channel: 'kiosk', store_id: 'hcm-1', device_id: 'exit-2', touchpoint: 'store_kiosk' });
    }
  });

  it('every respondent gets a fresh session and anonymous id; the order code goes with one respondent only', async () => {
    const k = start({ orderId: 'R-1' });
    for (let i = 0; i < 2; i++) {
      await until(() => k.faces().length == 4 && k.widget()!.querySelector('[role=status]')!.textContent == '');
      await sleep(1100); // past the response interval
      k.faces()[3]!.click();
      await until(() => k.named('Feedback Submitted').length == i + 1);
    }
    await until(() => k.delivered('Feedback Submitted').length == 2);
    const [a, b] = k.delivered('Feedback Submitted');
    expect(a.properties.order_id).toBe('R-1');
    expect(b.properties.order_id).toBeUndefined();
    expect(a.anonymousId).not.toBe(b.anonymousId);
    expect(a.context.session_id).toBeTruthy();
    expect(a.context.session_id).not.toBe(b.context.session_id);
  });

  it('follow-up times out after idleSeconds with a visible countdown; nothing of it stays on screen', async () => {
    const k = start({ followUp: {} });
    await until(() => k.faces().length == 4);
    k.faces()[0]!.click();
    await until(() => k.widget()!.querySelector('textarea'));
    const text = k.widget()!.querySelector('textarea')!;
    text.value = 'secret of customer one';
    const countdown = k.kiosk().querySelector('.c')!;
    expect(countdown.hasAttribute('hidden')).toBe(true);
    await until(() => !countdown.hasAttribute('hidden'), 2500);
    expect(countdown.textContent).toMatch(/^Starting over in [12] s$/);
    await until(() => k.faces().length == 4, 2500);
    expect(countdown.hasAttribute('hidden')).toBe(true);
    expect(k.widget()!.querySelector('textarea')).toBeNull();
    expect(k.kiosk().textContent).not.toMatch(/secret/);
    const subs = k.named('Feedback Submitted');
    expect(subs).toHaveLength(1);
    expect(subs[0].properties).toMatchObject({ completed: false, comment: null });
  });

  it('touching the follow-up keeps it open; sending completes the same submission', async () => {
    const k = start({ followUp: { negative: { reasons: ['Long wait', 'Staff'] } } });
    await until(() => k.faces().length == 4);
    k.faces()[1]!.click();
    await until(() => k.widget()!.querySelector('.cs button'));
    await sleep(2000);
    k.widget()!.querySelector<HTMLElement>('.cs button')!.click();
    await sleep(1500); // 3.5 s since the rating, 1.5 s since the touch
    k.widget()!.querySelector<HTMLElement>('.b')!.click();
    await until(() => k.named('Feedback Submitted').length == 2);
    const [partial, done] = k.named('Feedback Submitted');
    expect(partial.properties).toMatchObject({ completed: false, score: 2 });
    expect(done.properties).toMatchObject({ completed: true, reasons: ['Long wait'], submission_id: partial.properties.submission_id, repeat_presses: 0 });
  });

  it('by default a follow-up with the kiosk reasons after every answer (ids sent), and an optional comment', async () => {
    const k = start({ followUp: undefined, lang: 'vi' });
    for (const [face, expected] of [
      [0, DEFAULT_REASONS.kiosk.negative],
      [3, DEFAULT_REASONS.kiosk.positive],
    ] as const) {
      await until(() => k.faces().length == 4 && k.widget()!.querySelector('[role=status]')!.textContent == '');
      await sleep(1100); // past the response interval
      k.faces()[face]!.click();
      await until(() => k.widget()!.querySelector('.cs button'));
      const chips = [...k.widget()!.querySelectorAll<HTMLElement>('.cs button')];
      expect(chips.map((c) => c.textContent)).toEqual(expected.map((id) => REASONS[id].vi));
      expect(k.widget()!.querySelector('textarea')).not.toBeNull();
      chips[1]!.click();
      k.widget()!.querySelector<HTMLElement>('.b')!.click();
      await until(() => k.named('Feedback Submitted').filter((e) => e.properties.completed).length == (face ? 2 : 1));
      expect(k.named('Feedback Submitted').at(-1).properties).toMatchObject({ completed: true, reasons: [expected[1]] });
    }
  });

  it('opening hours in the store time zone: ratings outside them are kept and marked, with local time', async () => {
    // Open one minute a day, far from now in Asia/Ho_Chi_Minh: whatever the time, outside or inside is known.
    const now = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const minute = +now.slice(11, 13) * 60 + +now.slice(14, 16);
    const k = start({ openingHours: `${hhmm(minute + 120)}-${hhmm(minute + 180)}`, timeZone: 'Asia/Ho_Chi_Minh' });
    await until(() => k.faces().length == 4);
    k.faces()[2]!.click();
    await until(() => k.named('Feedback Submitted').length == 1);
    const p = k.named('Feedback Submitted')[0].properties;
    expect(p).toMatchObject({ outside_hours: true, time_zone: 'Asia/Ho_Chi_Minh', score: 3 });
    expect(p.local_time.slice(0, 13)).toBe(now.replace(' ', 'T').slice(0, 13));
    await until(() => k.delivered('Feedback Submitted').length == 1); // kept and delivered
  });

  it('refuses bad opening hours or an unknown time zone, naming the option', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    handle = startKiosk({ endpoint: 'https://c.example', storeId: 's1', openingHours: 'mo-fr 8-21' });
    expect(handle.error).toMatch(/"openingHours": bad entry "mo-fr 8-21"/);
    void handle.stop();
    handle = startKiosk({ endpoint: 'https://c.example', storeId: 's1', timeZone: 'Mars/Olympus' });
    expect(handle.error).toMatch(/"timeZone"/);
  });

  it('"Enter your order code": a wrong code stays marked for correction; a good one is shown and goes with the next rating only', async () => {
    const k = start({ orderInput: true });
    await until(() => k.faces().length == 4);
    const open = [...k.kiosk().querySelectorAll('button')].find((b) => b.textContent == 'Enter your order code')!;
    expect(open.getAttribute('aria-expanded')).toBe('false');
    open.click();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const input = k.kiosk().querySelector<HTMLInputElement>('#oc')!;
    expect(k.kiosk().querySelector('label[for=oc]')!.textContent).toBe('Order code (on your receipt)');
    input.value = 'no spaces please';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(open.getAttribute('aria-expanded')).toBe('true');
    input.value = ' HD-10293 ';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(open.textContent).toBe('Order code: HD-10293');
    k.faces()[2]!.click();
    await until(() => k.named('Feedback Submitted').length == 1);
    expect(k.named('Feedback Submitted')[0].properties.order_id).toBe('HD-10293');
    // Once the respondent is over the code is gone from the screen and from the next rating.
    await until(() => open.textContent == 'Enter your order code', 4000);
    await until(() => k.faces().length == 4 && k.widget()!.querySelector('[role=status]')!.textContent == '');
    k.faces()[3]!.click();
    await until(() => k.named('Feedback Submitted').length == 2);
    expect(k.named('Feedback Submitted')[1].properties.order_id).toBeUndefined();
  });
});
