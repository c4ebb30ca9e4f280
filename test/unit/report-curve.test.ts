import { expect, test } from 'vitest';
import { renderCurve, type CurveColumn, type CurveWords } from '../../src/collector/report/curve';
import { meanOf } from '../../src/collector/report/stats';

const words: CurveWords = {
  title: 'Emotion across the journey',
  web: 'Web',
  store: 'Store',
  lowPoint: 'Low point',
  directional: 'directional',
  stage: 'Stage',
  touchpoint: 'Touchpoint',
  emotion: 'Emotion',
  table: 'As a table',
  stageLabel: (s) => s.toUpperCase(),
  n: (x) => String(Math.round(x)),
};
const est = (v: number, n: number) => meanOf(Array.from({ length: n }, (_, i) => v + (i % 2 ? 10 : -10)), [0, 100]);

const columns: CurveColumn[] = [
  { stage: 'consideration', touchpoint: 'product_page', label: 'Product page', web: est(70, 40), store: null, low: false },
  { stage: 'purchase', touchpoint: 'checkout', label: 'Checkout <b>', web: est(30, 50), store: null, low: true },
  { stage: 'purchase', touchpoint: 'store_counter', label: 'Store counter', web: null, store: est(80, 12), low: false },
  { stage: 'post_purchase', touchpoint: 'store_exit', label: 'Store exit', web: null, store: est(60, 35), low: false },
];

test('two lines, one point per measured column, low point ringed and named in the text alternative', () => {
  const html = renderCurve(columns, words);
  const svg = html.slice(html.indexOf('<svg class="curve"'), html.indexOf('</svg>', html.indexOf('<svg class="curve"')));
  expect(svg).toContain('role="img"');
  expect(svg).toMatch(/<title>Emotion across the journey\. Low point: Checkout &lt;b&gt;\.<\/title>/);
  // web: 2 points joined by a path; store: 2 points joined by a dashed path.
  expect(svg.match(/<path /g)).toHaveLength(2);
  expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="5"/g)).toHaveLength(2);
  expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="10"/g)).toHaveLength(2);
  // The directional store counter (n = 12) is hollow; the rest are filled.
  expect(svg.match(/fill="#fff"/g)).toHaveLength(1);
  expect(svg.match(/r="13"/g)).toHaveLength(1);
  expect(svg).toContain('▼');
  // Three stage bands, labelled; a name longer than its band is shortened (the table has it whole).
  expect(svg).toContain('>CONSIDERA…<');
  expect(svg).toContain('>PURCHASE<');
  expect(html).toContain('<td>CONSIDERATION</td>');
  // Event text is escaped.
  expect(html).not.toContain('Checkout <b>');
});

test('the table repeats every figure with its interval and n', () => {
  const html = renderCurve(columns, words);
  const rows = html.slice(html.indexOf('<tbody>')).match(/<tr>/g);
  expect(rows).toHaveLength(4);
  expect(html).toMatch(/Store counter<\/td><td>–<\/td><td>80 \(\d+–\d+, n=12, directional\)/);
});

test('higher emotion is drawn higher', () => {
  const html = renderCurve(columns.slice(0, 2), words);
  const ys = [...html.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)" r="5"/g)].map((m) => Number(m[1]));
  expect(ys[0]).toBeLessThan(ys[1]!);
  expect(renderCurve([], words)).toBe('');
});
