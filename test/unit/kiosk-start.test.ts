/** startKiosk in happy-dom: refusal, one rating for many presses, idle reset, fresh respondents, ids on every event. */
import { withBatchContext } from '../../src/collector/batchContext';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKiosk } from '../../src/kiosk/startKiosk';
import type { KioskHandle, KioskOptions } from '../../src/kiosk/types';
import type { Transport } from '../../src/core/transport';

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
    expect(k.faces().map((f) => f.textContent)).toEqual(['😠Very bad', '🙁Bad', '🙂Good', '😄Very good']);
    expect(k.widget()!.querySelector('.x')).not.toBeNull(); // present but hidden by the kiosk sheet
    await until(() => k.named('Kiosk Heartbeat').length);
    const [hb] = k.named('Kiosk Heartbeat');
    expect(hb.properties).toMatchObject({ store_id: 'hcm-1', device_id: 'exit-2', app_version: '0.0.0-test', queue_depth: expect.any(Number) });
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
    await until(() => k.widget()!.querySelector('input[type=checkbox]'));
    await sleep(2000);
    k.widget()!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await sleep(1500); // 3.5 s since the rating, 1.5 s since the touch
    k.widget()!.querySelector<HTMLElement>('.b')!.click();
    await until(() => k.named('Feedback Submitted').length == 2);
    const [partial, done] = k.named('Feedback Submitted');
    expect(partial.properties).toMatchObject({ completed: false, score: 2 });
    expect(done.properties).toMatchObject({ completed: true, reasons: ['Long wait'], submission_id: partial.properties.submission_id, repeat_presses: 0 });
  });
});
