/** scripts/shopify-pixel.mjs: fills the pixel template, refuses bad settings by name. */
import { expect, test } from 'vitest';
import { shopifyPixel } from '../../scripts/shopify-pixel.mjs';

const TEMPLATE = `const ENDPOINT = "__TOUCHPOINT_ENDPOINT__";\nconst WRITE_KEY = '__TOUCHPOINT_WRITE_KEY__';\nrun(ENDPOINT, WRITE_KEY);`;

test('the endpoint and write key are filled in as string literals a value cannot break out of', () => {
  const code = shopifyPixel({ endpoint: 'https://collect.example.com', writeKey: `k"';alert(1)//` }, TEMPLATE);
  expect(code).toContain('const ENDPOINT = "https://collect.example.com/";');
  // Evaluating the literal gives back exactly the key.
  const literal = /WRITE_KEY = (.*);/.exec(code)![1]!;
  expect(JSON.parse(literal)).toBe(`k"';alert(1)//`);
  expect(shopifyPixel({ endpoint: 'http://127.0.0.1:8787/v1/batch' }, TEMPLATE)).toContain('const WRITE_KEY = "";');
});

test('bad settings throw naming the setting; a template without markers is refused', () => {
  expect(() => shopifyPixel({ endpoint: 'collect.example.com' }, TEMPLATE)).toThrow(/endpoint/);
  expect(() => shopifyPixel({ endpoint: 'javascript:alert(1)' }, TEMPLATE)).toThrow(/http\(s\)/);
  expect(() => shopifyPixel({ endpoint: 'https://c.example', writeKey: 5 as unknown as string }, TEMPLATE)).toThrow(/writeKey/);
  expect(() => shopifyPixel({ endpoint: 'https://c.example' }, 'no markers')).toThrow(/marker/);
});

test('the built pixel (dist/shopify-pixel.js) carries both markers and no eval', () => {
  const code = shopifyPixel({ endpoint: 'https://c.example' });
  expect(code).toContain('"https://c.example/"');
  expect(code).not.toMatch(/\beval\(|new Function|__TOUCHPOINT_/);
});
