/**
 * The multi-page shop fixture, served inline by the test server: plain HTML with the snippet
 * (inline stub + async script tag) and `data-tp-*` tagging only, no other JavaScript.
 */
import { createHash } from 'node:crypto';
import { stubSnippet } from '../../../src/shop/stubSnippet';
import type { TestServer } from '../../support/server';

/** The script tag; `attrs` adds or overrides data attributes. */
export const scriptTag = (endpoint: string, attrs = '') =>
  `<script async src="/dist/touchpoint.js" data-endpoint="${endpoint}" data-flush-interval="100" ${attrs.includes("data-vitals") ? "" : `data-vitals="false"`} ${attrs}></script>`;

const doc = (title: string, body: string, head: string, bodyAttrs = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body ${bodyAttrs}>${body}</body></html>`;

const product = `
<h1>Green tea</h1>
<div id="tea" data-tp-view="Product Viewed" data-tp-product-id="tea-1" data-tp-name="Green tea" data-tp-price="120000" data-tp-currency="VND">
  <button id="add" data-tp-event="Product Added" data-tp-product-id="tea-1" data-tp-name="Green tea" data-tp-price="120000" data-tp-currency="VND" data-tp-quantity="2">Add 2</button>
  <button id="bad" data-tp-event="Product Added" data-tp-product-id="tea-1" data-tp-price="-5" data-tp-currency="VND">Bad price</button>
  <button id="badqty" data-tp-event="Product Added" data-tp-product-id="tea-1" data-tp-quantity="1.5">Bad quantity</button>
  <button id="badcur" data-tp-event="Product Added" data-tp-product-id="tea-1" data-tp-currency="XYZ">Bad currency</button>
</div>
<a id="checkout" href="/shop/checkout.html">Checkout</a>`;

/** Serve the shop pages: product, checkout, thanks, plain (no tracker). */
export const serveShop = (server: TestServer, attrs = '') => {
  const head = `<script>${stubSnippet(server.url)}</script>${scriptTag(server.url, attrs)}`;
  server.page('/shop/product.html', doc('Green tea', product, head, 'data-tp-touchpoint="pdp"'));
  server.page(
    '/shop/checkout.html',
    doc('Checkout', `<button id="start" data-tp-event="Checkout Started" data-tp-value="240000" data-tp-currency="VND">Pay</button>`, head),
  );
  server.page(
    '/shop/thanks.html',
    doc('Thanks', `<div data-tp-view="Order Completed" data-tp-order-id="o-1" data-tp-revenue="240000" data-tp-currency="VND">Thank you</div>`, head),
  );
  server.page('/shop/plain.html', doc('Plain', '<p>no tracker</p>', ''));
};

/** An inline page with the stub, `body` and the script tag. */
export const stubPage = (server: TestServer, path: string, body: string, attrs = '') =>
  server.page(path, doc('Stub', `${body}${scriptTag(server.url, attrs)}`, `<script>${stubSnippet(server.url)}</script>`));

/** CSP hash source of an inline script. */
export const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
