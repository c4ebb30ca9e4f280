/**
 * End to end, fed only by SDK traffic: shoppers in real Chromium answer the rating widget
 * (loaded by the script tag through `touchpoint.showRating`) — CSAT with comments, NPS, CES, an
 * exit survey with reasons — the built SDK delivers to a real collector, and the report's rating,
 * comment and reason sections read what arrived.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../../src/collector';
import { reasonLabel } from '../../src/schema/reasons';
import { launch } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { card, expectCatalogued, named, shopPage, startCollector, type E2ECollector } from './e2e-support';

let browser: Browser;
let server: TestServer;
let collector: E2ECollector;
let rows: StoredEvent[];
const contexts: BrowserContext[] = [];

/** A page whose script asks one survey (`survey`: showRating options) at once. */
const surveyPage = (path: string, touchpoint: string, stage: string, survey: Record<string, unknown>) =>
  shopPage(server, path, {
    endpoint: collector.url,
    touchpoint,
    stage,
    body: `<h1>${touchpoint}</h1><script>touchpoint.showRating(${JSON.stringify({ force: true, touchpoint, journeyStage: stage, ...survey })})</script>`,
  });

/** One shopper answers: the point at `index`, then the follow-up (reasons ticked by value, a comment). */
const answer = async (path: string, index: number, follow?: { reasons?: string[]; comment?: string }) => {
  const ctx = await browser.newContext();
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}${path}`);
  await page.locator('[role=radio]').nth(index).click();
  if (follow) {
    for (const r of follow.reasons ?? []) await page.locator(`button[value="${r}"]`).click(); // reasons are toggle buttons
    if (follow.comment) await page.locator('textarea').fill(follow.comment);
    await page.getByRole('button', { name: 'Send' }).click();
  }
  await page.locator('[role=status]').filter({ hasText: /./ }).waitFor();
};

const completed = (all: StoredEvent[]) => new Set(named(all, 'Feedback Submitted').filter((r) => JSON.parse(r.json).properties.completed).map((r) => JSON.parse(r.json).properties.submission_id)).size;

beforeAll(async () => {
  [browser, server, collector] = await Promise.all([launch(), startTestServer(), startCollector()]);
  const comment = { negative: { comment: true }, neutral: { comment: true }, positive: { comment: true } };
  surveyPage('/fb/csat.html', 'e2e_csat', 'post_purchase', { id: 'e2e-csat', scale: 'emoji5', type: 'csat', followUp: comment });
  surveyPage('/fb/nps.html', 'e2e_nps', 'advocacy', { id: 'e2e-nps', scale: 'nps', followUp: false });
  surveyPage('/fb/ces.html', 'e2e_ces', 'purchase', { id: 'e2e-ces', scale: 'ces', followUp: false });
  surveyPage('/fb/exit.html', 'e2e_exit', 'purchase', {
    id: 'e2e-exit',
    scale: 'emoji5',
    followUp: { negative: { reasons: ['shipping_cost', 'no_cod', 'Giao chậm'] }, neutral: false, positive: false },
  });
  await answer('/fb/csat.html', 4, { comment: 'Giao nhanh, đóng gói đẹp' });
  await answer('/fb/csat.html', 1, { comment: 'Phí ship cao quá' });
  await answer('/fb/nps.html', 10);
  await answer('/fb/nps.html', 3);
  await answer('/fb/ces.html', 5);
  await answer('/fb/ces.html', 1);
  await answer('/fb/exit.html', 0, { reasons: ['shipping_cost', 'Giao chậm'] });
  await answer('/fb/exit.html', 1, { reasons: ['shipping_cost'] });
  rows = await collector.waitRows((all) => completed(all) === 8, 60_000);
}, 240_000);

afterAll(async () => {
  for (const ctx of contexts) await ctx.close().catch(() => {});
  await browser?.close();
  await server?.close();
  await collector?.close();
});

describe('rating sections from SDK traffic', () => {
  test('everything the widget sent is in the event catalogue', () => {
    expect(named(rows, 'Feedback Shown')).toHaveLength(8);
    expectCatalogued(rows);
  });

  test('ratings and CSAT / NPS / CES per touchpoint, raw scores with their scales', async () => {
    const report = await collector.report();
    expect(report.totals.ratings).toBe(8);
    const csat = card(report, 'post_purchase', 'e2e_csat')!.ratings!;
    expect(csat.count).toBe(2);
    expect(csat.scales[0]).toMatchObject({ surveyType: 'csat', min: 1, max: 5, count: 2, csat: 0.5 });
    expect(csat.scales[0]!.distribution.filter((d) => d.count).map((d) => d.score)).toEqual([2, 5]);
    const nps = card(report, 'advocacy', 'e2e_nps')!.ratings!;
    expect(nps.scales[0]).toMatchObject({ surveyType: 'nps', min: 0, max: 10, count: 2, nps: 0 });
    const ces = card(report, 'purchase', 'e2e_ces')!.ratings!;
    expect(ces.scales[0]).toMatchObject({ surveyType: 'ces', min: 1, max: 7, count: 2, ces: 4 });
  });

  test('comments: the follow-up texts shoppers typed, as text in the HTML report', async () => {
    const report = await collector.report();
    expect(card(report, 'post_purchase', 'e2e_csat')!.comments.map((c) => c.text).sort()).toEqual(['Giao nhanh, đóng gói đẹp', 'Phí ship cao quá']);
    const html = await collector.html();
    expect(html).toContain('Giao nhanh, đóng gói đẹp');
  });

  test('reasons: what shoppers ticked, counted (a built-in id and a shop’s own text)', async () => {
    const report = await collector.report();
    const reasons = card(report, 'purchase', 'e2e_exit')!.reasons;
    const count = (r: string) => reasons.find((x) => x.text === r || x.text === reasonLabel(r, 'en'))?.count;
    expect(count('shipping_cost')).toBe(2);
    expect(count('Giao chậm')).toBe(1);
    expect(count('no_cod')).toBeUndefined();
    const sent = named(rows, 'Feedback Submitted').map((r) => JSON.parse(r.json).properties.reasons as string[]);
    expect(sent.flat().sort()).toEqual(['Giao chậm', 'shipping_cost', 'shipping_cost']);
  });

  test('reasons are shown with reasonLabel in the report’s language (waits for branch report: contract 2)', async () => {
    const en = await collector.html({ lang: 'en' });
    const vi = await collector.html({ lang: 'vi' });
    expect(en).toContain(reasonLabel('shipping_cost', 'en'));
    expect(vi).toContain(reasonLabel('shipping_cost', 'vi'));
    expect(vi).toContain('Giao chậm');
  });
});
