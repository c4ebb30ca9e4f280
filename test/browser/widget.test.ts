/**
 * The rating widget in real Chromium: keyboard-only use, axe-core, the accessibility tree, a strict
 * CSP, style isolation both ways, screenshots, delivery to the collector and the cooldown across
 * reloads. Runs against the minified script-tag builds (dist/touchpoint.js + touchpoint.widget.js).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launch, waitFor } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { DEFAULT_REASONS, REASONS } from '../../src/schema/reasons';

let browser: Browser;
let server: TestServer;
const ART = new URL('../../test-artifacts/', import.meta.url).pathname;

const html = (body = '', head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order complete</title>${head}</head>
<body><main><h1>Thank you for your order</h1><p>Your order #1042 is confirmed.</p><button id="before">Continue shopping</button>${body}</main>
<script src="/dist/touchpoint.js"></script><script src="/dist/touchpoint.widget.js"></script><script src="/test/fixtures/widget-page.js"></script></body></html>`;

/** Open a page with a survey shown by the fixture (options in the query string). */
const open = async (options: object | null, { path = '/w.html', width = 1280, body = '<div id="slot"></div>', head = '', page }: { path?: string; width?: number; body?: string; head?: string; page?: Page } = {}) => {
  server.page(path, html(body, head));
  const p = page ?? (await browser.newPage({ viewport: { width, height: 800 } }));
  p.on('pageerror', (e) => console.log('pageerror:', e.message));
  await p.goto(`${server.url}${path}${options ? `?show=${encodeURIComponent(JSON.stringify(options))}` : ''}`);
  if (options) await p.waitForFunction(() => (window as any).handle?.shown);
  return p;
};
const shown = (p: Page) => p.evaluate(() => (window as any).handle.shown as Promise<boolean>);
const inShadow = (p: Page, sel: string) => p.locator(`div >> ${sel}`);
const seen = (p: Page) => p.evaluate(() => (window as any).seen.map((e: any) => ({ event: e.event, ...e.properties })));
const unique = () => `s${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  mkdirSync(ART, { recursive: true });
  [browser, server] = await Promise.all([launch(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('widget in Chromium', () => {
  test('keyboard only: rate, comment, send, close; focus goes back', async () => {
    server.page('/k.html', html());
    const p = await browser.newPage();
    await p.goto(`${server.url}/k.html`);
    await p.focus('#before');
    await p.evaluate(() => ((window as any).handle = (window as any).touchpointWidget.showRating((window as any).tp, { id: 'kbd', productId: 'sku-1' })));
    expect(await shown(p)).toBe(true);
    const focused = () => p.evaluate(() => {
      const a = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
      return `${a?.getAttribute('role') ?? a?.tagName.toLowerCase()}:${a?.textContent}`;
    });
    expect(await focused()).toBe('radio:Very bad');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(await focused()).toBe('radio:Good');
    expect((await seen(p)).filter((e: any) => e.event == 'Feedback Submitted')).toHaveLength(0); // arrows never submit
    await p.keyboard.press('Space');
    expect(await focused()).toBe('textarea:');
    await p.keyboard.type('Fast checkout, thanks');
    await p.keyboard.press('Tab');
    expect(await focused()).toBe('button:Send');
    await p.keyboard.press('Enter');
    await expect.poll(() => p.locator('[role=status]').textContent()).toBe('Thank you for your feedback!');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.locator('.w').count()).toBe(0);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('before');
    const ev = (await seen(p)).filter((e: any) => e.event?.startsWith('Feedback') || e.event == 'Product Reviewed');
    expect(ev.map((e: any) => `${e.event}:${e.completed ?? ''}`)).toEqual([
      'Feedback Shown:',
      'Feedback Submitted:false',
      'Product Reviewed:',
      'Feedback Submitted:true',
    ]);
    expect(ev[3]).toMatchObject({ score: 4, label: 'Good', comment: 'Fast checkout, thanks' });
    await p.close();
  });

  test('axe-core: zero violations in every stage and presentation', async () => {
    const cases: [object, string][] = [
      [{ id: unique() }, 'emoji5 floating'],
      [{ id: unique(), scale: 'nps', presentation: 'inline', lang: 'vi', container: '#slot' }, 'nps inline vi'],
      [{ id: unique(), scale: 'stars', autoSubmit: false }, 'stars with Send'],
      [{ id: unique(), scale: 'ces' }, 'ces'],
      [{ id: unique(), scale: 'thumbs', followUp: { negative: { reasons: ['Price', 'Delivery'] } } }, 'reasons'],
    ];
    for (const [o, name] of cases) {
      const p = await open(o);
      await p.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const run = () => p.evaluate(async () => (await (window as any).axe.run(document)).violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`));
      expect(await run(), name).toEqual([]);
      await p.locator('[role=radio]').first().click(); // follow-up stage
      expect(await run(), `${name} follow-up`).toEqual([]);
      await p.close();
    }
  });

  test('accessibility tree: radiogroup named by the question, radios named, checked, "N of M"', async () => {
    const p = await open({ id: unique(), autoSubmit: false, scale: 'emoji5', followUp: false });
    await p.locator('[role=radio]').nth(3).click();
    const cdp = await p.context().newCDPSession(p);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: any[] };
    const prop = (n: any, k: string) => n.properties?.find((x: any) => x.name == k)?.value.value;
    const group = nodes.find((n) => n.role?.value == 'radiogroup');
    expect(group.name.value).toBe('How was your experience?');
    const radios = nodes.filter((n) => n.role?.value == 'radio');
    expect(radios.map((n) => n.name.value)).toEqual(['Very bad', 'Bad', 'Okay', 'Good', 'Very good']);
    expect(radios.map((n) => prop(n, 'checked'))).toEqual(['false', 'false', 'false', 'true', 'false']);
    const snap0 = await p.locator('[role=radiogroup]').ariaSnapshot();
    const dialog = nodes.find((n) => n.role?.value == 'dialog');
    expect(dialog.name.value).toBe('How was your experience?');
    expect(nodes.find((n) => n.role?.value == 'button' && n.name?.value == 'Close')).toBeTruthy();
    // "N of M": CDP does not expose posinset/setsize, so check what Chromium derives them from —
    // the radios are the radiogroup's only children, in order — and the roving tabindex.
    expect(snap0).toContain('radio "Good" [checked]');
    const nOfM = await p.evaluate(() => {
      const g = [...document.querySelectorAll('div')].find((d) => d.shadowRoot)!.shadowRoot!.querySelector('[role=radiogroup]')!;
      const rs = [...g.children];
      return rs.map((r, i) => `${r.getAttribute('role')} ${i + 1} of ${rs.length}:${r.getAttribute('tabindex')}`);
    });
    expect(nOfM).toEqual(['radio 1 of 5:-1', 'radio 2 of 5:-1', 'radio 3 of 5:-1', 'radio 4 of 5:0', 'radio 5 of 5:-1']);
    // Emoji glyphs are hidden from the tree; their names come from the text labels.
    expect(nodes.some((n) => n.name?.value?.includes('😡'))).toBe(false);
    await p.close();
  });

  test('strict CSP without unsafe-inline/unsafe-eval: renders styled, no violations', async () => {
    server.headers('/csp.html', { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" });
    const p = await open({ id: unique(), scale: 'emoji5' }, { path: '/csp.html' });
    expect(await shown(p)).toBe(true);
    const look = await p.evaluate(() => {
      const c = [...document.querySelectorAll('div')].find((d) => d.shadowRoot)!.shadowRoot!.querySelector('.w')!;
      const s = getComputedStyle(c);
      return [s.position, s.borderTopLeftRadius, s.fontSize];
    });
    expect(look).toEqual(['fixed', '12px', '16px']);
    await p.locator('[role=radio]').first().click();
    await p.locator('textarea').fill('ok');
    await p.locator('.b').click();
    expect(await p.evaluate(() => (window as any).violations)).toEqual([]);
    await p.close();
  });

  test('no style leak in (hostile CSS, html{font-size:30px}) and none out', async () => {
    const hostile = `<style>
      html{font-size:30px !important}
      *{color:#f0f !important;font-family:serif !important;letter-spacing:4px !important;line-height:3 !important;text-transform:uppercase !important;box-sizing:content-box !important;text-align:right !important;visibility:visible}
      div,span,button,label,textarea{padding:20px !important;margin:9px !important;background:#ff0 !important;border:5px dashed red !important;font-size:2rem !important}
      [role=radio],.o,.w,.q{display:none !important}
      body{font-size:40px;direction:ltr}
    </style>`;
    const probe = (p: Page) =>
      p.evaluate(() => {
        const root = [...document.querySelectorAll('div')].find((d) => d.shadowRoot)!.shadowRoot!;
        const keys = ['color', 'font-family', 'font-size', 'letter-spacing', 'line-height', 'text-transform', 'padding-top', 'border-top-width', 'display', 'box-sizing', 'text-align', 'width', 'height'];
        return ['.w', '.q', '[role=radio]', '.e', '.l', '.x', '[role=radiogroup]'].map((sel) => {
          const el = root.querySelector(sel)!;
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return { sel, ...Object.fromEntries(keys.map((k) => [k, s.getPropertyValue(k)])), w: Math.round(r.width), h: Math.round(r.height) };
        });
      });
    const o = { id: unique(), scale: 'emoji5' };
    const plain = await open(o);
    const clean = await probe(plain);
    const hostilePage = await open({ ...o, id: unique() }, { path: '/hostile.html', head: hostile });
    const dirty = await probe(hostilePage);
    expect(dirty).toEqual(clean);
    expect(clean[2]!.h).toBeGreaterThanOrEqual(44);
    expect(clean[2]!.w).toBeGreaterThanOrEqual(44);
    await plain.close();
    await hostilePage.close();

    // Out: page elements that share the widget's class names and tags keep their styles.
    const body = '<div class="w f q r o e l n h x b s">page div</div><label>page label</label><textarea>t</textarea><button class="b">page button</button>';
    const page = (p: Page) =>
      p.evaluate(() =>
        ['main > div.w', 'main > label', 'main > textarea', 'main > button.b', 'h1'].map((sel) => {
          const s = getComputedStyle(document.querySelector(sel)!);
          return [sel, s.color, s.font, s.position, s.display, s.padding, s.margin, s.border, s.background, s.outline, s.minHeight].join('|');
        }),
      );
    const without = await open(null, { path: '/out1.html', body });
    const before = await page(without);
    const withW = await open({ id: unique() }, { path: '/out2.html', body });
    expect(await page(withW)).toEqual(before);
    await without.close();
    await withW.close();
  });

  test('screenshots at 360 px and 1280 px', async () => {
    for (const width of [360, 1280]) {
      const p = await open({ id: unique(), productId: 'sku-1' }, { width });
      await p.screenshot({ path: `${ART}widget-emoji5-${width}.png` });
      await p.locator('[role=radio]').nth(1).click();
      await p.locator('textarea').fill('Giao hàng hơi chậm');
      await p.screenshot({ path: `${ART}widget-followup-${width}.png` });
      await p.close();
      const n = await open({ id: unique(), scale: 'nps', lang: 'vi', presentation: 'inline' }, { width });
      await n.screenshot({ path: `${ART}widget-nps-vi-${width}.png`, fullPage: true });
      await n.close();
      const s = await open({ id: unique(), scale: 'smiley4', autoSubmit: false, followUp: false }, { width });
      await s.locator('[role=radio]').nth(2).focus();
      await s.keyboard.press('Space');
      await s.screenshot({ path: `${ART}widget-smiley4-${width}.png` });
      await s.close();
      const st = await open({ id: unique(), scale: 'stars', autoSubmit: false, followUp: false }, { width });
      await st.locator('[role=radio]').nth(3).click();
      await st.screenshot({ path: `${ART}widget-stars-${width}.png` });
      await st.close();
    }
  });

  test('a rating reaches the collector with every field', async () => {
    server.requests.length = 0;
    const id = unique();
    const p = await open({ id, productId: 'sku-42', orderId: 'order-7', scale: 'stars', type: 'csat', journeyStage: 'post_purchase' });
    await p.locator('[role=radio]').nth(1).click();
    await p.locator('textarea').fill('The box was damaged');
    await p.locator('.b').click();
    await p.evaluate(() => (window as any).tp.flush());
    const ours = () => server.events().filter((e) => e.properties?.survey_id == id || e.event == 'Product Reviewed');
    await waitFor(() => ours().length >= 4, 10_000);
    const ev = ours();
    const sub = ev.filter((e) => e.event == 'Feedback Submitted');
    expect(sub).toHaveLength(2);
    const fields = ['survey_id', 'submission_id', 'survey_type', 'score', 'scale_min', 'scale_max', 'label', 'comment', 'reasons', 'completed', 'touchpoint', 'journey_stage', 'channel', 'product_id', 'order_id'];
    for (const e of sub) for (const f of fields) expect(e.properties, f).toHaveProperty(f);
    expect(sub[1].properties).toMatchObject({
      survey_id: id,
      submission_id: sub[0].properties.submission_id,
      survey_type: 'csat',
      score: 2,
      scale_min: 1,
      scale_max: 5,
      label: 'Bad',
      comment: 'The box was damaged',
      reasons: [],
      completed: true,
      touchpoint: 'checkout-done',
      journey_stage: 'post_purchase',
      channel: 'web',
      product_id: 'sku-42',
      order_id: 'order-7',
    });
    expect(sub[1].context?.touchpoint ?? sub[1].properties.touchpoint).toBe('checkout-done');
    expect(ev.find((e) => e.event == 'Product Reviewed')?.properties).toMatchObject({ product_id: 'sku-42', review_id: sub[0].properties.submission_id, rating: 2 });
    expect(ev.find((e) => e.event == 'Feedback Shown')).toBeTruthy();
    const { FEEDBACK_EVENTS } = await import('../../src/schema/feedback');
    for (const e of ev) expect(FEEDBACK_EVENTS[e.event as keyof typeof FEEDBACK_EVENTS].safeParse(e.properties).success, e.event).toBe(true);
    await p.close();
  });

  test('cooldown and answered memory hold across reloads; one survey across tabs', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const a = unique();
    await open({ id: a, followUp: false, thanksMs: 0 }, { path: '/cd.html', page });
    await page.locator('[role=radio]').nth(4).click();
    await expect.poll(() => page.locator('.w').count()).toBe(0);
    await page.reload();
    const again = (o: object) =>
      page.evaluate((o) => (window as any).touchpointWidget.showRating((window as any).tp, o).shown, o);
    expect(await again({ id: a })).toBe(false);
    expect(await again({ id: unique() })).toBe(false); // global cooldown
    expect(await again({ id: unique(), cooldownDays: 0 })).toBe(true);
    // Another tab of the same origin: the survey above is still on screen, so nothing shows there.
    const tab2 = await ctx.newPage();
    await open(null, { path: '/cd.html', page: tab2 });
    expect(await tab2.evaluate(() => (window as any).touchpointWidget.showRating((window as any).tp, { id: 'x', force: true }).shown)).toBe(false);
    await page.close();
    // The lock is released when the first tab goes away.
    await expect
      .poll(() => tab2.evaluate(() => (window as any).touchpointWidget.showRating((window as any).tp, { id: 'x', force: true }).shown))
      .toBe(true);
    await ctx.close();
  });

  test('faces are inline SVG, one mood per point, named by their text labels, on every face scale (2, 3, 4, 5 points)', async () => {
    const cases: [string, string[], string[]][] = [
      ['thumbs', ['Bad', 'Good'], ['e m1', 'e m3']],
      ['emoji3', ['Bad', 'Okay', 'Good'], ['e m1', 'e m2', 'e m3']],
      ['smiley4', ['Very bad', 'Bad', 'Good', 'Very good'], ['e m0', 'e m1', 'e m3', 'e m4']],
      ['emoji5', ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'], ['e m0', 'e m1', 'e m2', 'e m3', 'e m4']],
    ];
    for (const [scale, names, moods] of cases) {
      const p = await open({ id: unique(), scale, presentation: 'inline', container: '#slot' });
      for (const [i, name] of names.entries()) {
        const radio = p.getByRole('radio', { name, exact: true });
        await expect.poll(() => radio.count()).toBe(1);
        expect(await radio.locator('svg').getAttribute('class'), `${scale} ${name}`).toBe(moods[i]);
        expect(await radio.locator('svg').getAttribute('aria-hidden')).toBe('true');
        expect((await radio.textContent())!.trim()).toBe(name); // no emoji glyph anywhere
      }
      // Shapes differ, not only colours: every face has its own mouth (and the worst its brows).
      const mouths = await p.locator('svg.e path').evaluateAll((ps) => ps.map((x) => x.getAttribute('d')));
      expect(new Set(mouths).size).toBe(names.length);
      await p.close();
    }
  });

  test('the faces render to the same pixels under two different page and widget fonts', async () => {
    const faces = async (head: string) => {
      const p = await open({ id: unique(), scale: 'emoji5', presentation: 'inline', container: '#slot', question: 'Rate', labels: ['1', '2', '3', '4', '5'] }, { head, width: 800 });
      const svgs = p.locator('svg.e');
      await expect.poll(() => svgs.count()).toBe(5);
      const boxes = await svgs.evaluateAll((els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())));
      const pixels = [];
      for (let i = 0; i < 5; i++) pixels.push(await svgs.nth(i).screenshot());
      const font = await p.locator('.w').evaluate((w) => getComputedStyle(w).fontFamily);
      await p.close();
      return { boxes, pixels, font };
    };
    // The widget takes its font from where it sits (#slot), or from --tp-font.
    const serif = await faces('<style>#slot{font-family:"DejaVu Serif",serif}</style>');
    const mono = await faces('<style>#slot{font-family:monospace;--tp-font:"DejaVu Sans Mono",monospace}</style>');
    expect(serif.font).not.toBe(mono.font); // the widget's text did change font
    expect(mono.boxes).toEqual(serif.boxes);
    for (let i = 0; i < 5; i++) expect(Buffer.compare(mono.pixels[i]!, serif.pixels[i]!), `face ${i + 1}`).toBe(0);
  });

  test("theming: colours and font follow the custom properties, else the page's accent-color and font, else the defaults", async () => {
    const look = async (head: string, shotName?: string) => {
      const p = await open({ id: unique(), scale: 'emoji5', presentation: 'inline', container: '#slot', autoSubmit: false, followUp: false }, { head });
      await p.locator('[role=radio]').nth(3).click();
      if (shotName) await p.locator('.w').screenshot({ path: `${ART}${shotName}` });
      const styles = await p.evaluate(() => {
        const root = [...document.querySelectorAll('div')].find((d) => d.shadowRoot)!.shadowRoot!;
        const cs = (sel: string) => getComputedStyle(root.querySelector(sel)!);
        return {
          send: cs('.b').backgroundColor,
          checked: cs('[aria-checked=true]').borderTopColor,
          font: cs('.w').fontFamily,
          face5: cs('.m4 .fc').fill,
          card: cs('.w').backgroundColor,
        };
      });
      await p.close();
      return styles;
    };
    const themed = await look(
      '<style>#slot{--tp-accent:#1d5c2e;--tp-font:Georgia,serif;--tp-bg:#f7f5ef;--tp-face-5:#2e7d32}</style>',
      'widget-themed-green.png',
    );
    expect(themed).toEqual({ send: 'rgb(29, 92, 46)', checked: 'rgb(29, 92, 46)', font: 'Georgia, serif', face5: 'rgb(46, 125, 50)', card: 'rgb(247, 245, 239)' });
    const page = await look('<style>body{accent-color:#8b0000;font-family:"DejaVu Sans Mono",monospace}</style>');
    expect([page.send, page.checked, page.font]).toEqual(['rgb(139, 0, 0)', 'rgb(139, 0, 0)', '"DejaVu Sans Mono", monospace']);
    const plain = await look('');
    expect([plain.send, plain.font]).toEqual(['rgb(11, 87, 208)', 'system-ui, sans-serif']);
  });

  test('forced colours: faces drawn in system colours, told apart by shape; the choice in Highlight', async () => {
    const p = await open({ id: unique(), scale: 'emoji5', presentation: 'inline', container: '#slot', autoSubmit: false, followUp: false });
    await p.emulateMedia({ forcedColors: 'active' });
    await p.locator('[role=radio]').nth(1).click();
    const fills = await p.locator('svg.e .fc').evaluateAll((cs) => cs.map((c) => getComputedStyle(c).fill));
    const system = await p.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('div'));
      probe.style.color = 'Canvas';
      const canvas = getComputedStyle(probe).color;
      probe.style.color = 'Highlight';
      const highlight = getComputedStyle(probe).color;
      probe.remove();
      return { canvas, highlight };
    });
    expect(fills).toEqual([system.canvas, system.highlight, system.canvas, system.canvas, system.canvas]);
    await p.locator('.w').screenshot({ path: `${ART}widget-forced-colors.png` });
    await p.close();
  });

  test('exit-intent and post-order surveys offer the built-in reasons (vi/en labels from the lazy chunk); the picked ids reach the collector', async () => {
    server.requests.length = 0;
    const exitId = unique();
    const orderId = unique();
    const p = await open(null, { path: '/reasons.html' });
    const chunkLoads: string[] = [];
    p.on('request', (r) => r.url().includes('touchpoint.widget.reasons.js') && chunkLoads.push(r.url()));
    // Exit intent: the survey waits for the exit signal (here a hand-made one), then asks.
    await p.evaluate((id) => {
      const w = window as any;
      w.handle = w.touchpointWidget.showRating(w.tp, { id, lang: 'vi', trigger: { type: 'exitIntent', subscribe: (cb: () => void) => ((w.fireExit = cb), () => {}) } });
    }, exitId);
    await p.evaluate(() => (window as any).fireExit());
    await p.getByRole('radio', { name: 'Tệ', exact: true }).click();
    await expect.poll(() => p.locator('#q').last().textContent()).toBe('Điều gì khiến bạn dừng lại hôm nay?');
    const exitChips = await p.locator('.cs button').allTextContents();
    expect(exitChips).toEqual(DEFAULT_REASONS.checkout.negative.map((r) => REASONS[r].vi));
    await p.getByRole('button', { name: REASONS.no_cod.vi }).click();
    await p.getByRole('button', { name: REASONS.shipping_cost.vi }).click();
    // Picked: a check mark on screen, "pressed" for screen readers, the name stays the label.
    await expect.poll(() => p.getByRole('button', { name: REASONS.no_cod.vi, exact: true, pressed: true }).count()).toBe(1);
    await p.screenshot({ path: `${ART}widget-exit-reasons-1280.png` });
    await p.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => p.locator('[role=status]').textContent()).toBe('Cảm ơn bạn đã góp ý!');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.locator('.w').count()).toBe(0);
    // Post-order: a survey about an order offers the order reasons, here after a good score.
    await p.evaluate((id) => {
      const w = window as any;
      w.handle = w.touchpointWidget.showRating(w.tp, { id, lang: 'en', orderId: 'HD-1', cooldownDays: 0 });
    }, orderId);
    await p.getByRole('radio', { name: 'Very good', exact: true }).click();
    expect(await p.locator('.cs button').allTextContents()).toEqual(DEFAULT_REASONS.order.positive.map((r) => REASONS[r].en));
    await p.getByRole('button', { name: REASONS.fast_delivery.en }).click();
    await p.locator('textarea').fill('Arrived a day early');
    await p.getByRole('button', { name: 'Send' }).click();
    await p.evaluate(() => (window as any).tp.flush());
    const done = (id: string) => server.events().find((e) => e.event == 'Feedback Submitted' && e.properties.survey_id == id && e.properties.completed);
    await waitFor(() => done(exitId) && done(orderId), 10_000);
    expect(done(exitId).properties).toMatchObject({ score: 2, reasons: ['shipping_cost', 'no_cod'], comment: null });
    expect(done(orderId).properties).toMatchObject({ score: 5, order_id: 'HD-1', reasons: ['fast_delivery'], comment: 'Arrived a day early' });
    // The reason table came from its lazy chunk, once.
    expect(chunkLoads).toHaveLength(1);
    await p.close();
  });
});
