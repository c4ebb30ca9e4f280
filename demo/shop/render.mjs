// Server-side pages of the demo bookstore. The HTML is what a plain shop (WooCommerce, Haravan, a
// static generator) would print: the touchpoint snippet (inline stub + async script tag with
// data-* settings) and data-tp-* attributes carrying values the server knows (price, cart total,
// order id). No other JavaScript: the SDK does every bit of tracking, cart and abandonment.
import { BOOKS, T, bookById, money } from './catalog.mjs';

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Cart lines with their books: [{ book, quantity }]. */
export const cartLines = (cart) =>
  Object.entries(cart)
    .map(([id, quantity]) => ({ book: bookById(id), quantity }))
    .filter((l) => l.book && l.quantity > 0);
export const cartTotal = (cart) => cartLines(cart).reduce((s, l) => s + l.book.price * l.quantity, 0);

/** data-tp-* attributes of one book (the SDK turns them into snake_case properties). */
const productAttrs = (b, extra = '') =>
  `data-tp-product-id="${b.id}" data-tp-name="${esc(b.name)}" data-tp-category="${b.category}" data-tp-price="${b.price}" data-tp-currency="VND"${extra}`;

const addForm = (lang, b) => `
<form method="post" action="/shop/${lang}/cart/add">
  <input type="hidden" name="id" value="${b.id}">
  <button class="btn" data-tp-event="Product Added" ${productAttrs(b, ' data-tp-quantity="1"')}>${T[lang].add}</button>
</form>`;

const card = (lang, b, position) => `
<li class="book">
  <a href="/shop/${lang}/book/${b.id}" data-tp-event="Product Clicked" ${productAttrs(b, ` data-tp-position="${position}"`)}>
    <span class="cover" aria-hidden="true">${esc(b.name.slice(0, 1))}</span>
    <span class="title">${esc(b.name)}</span>
  </a>
  <span class="author">${esc(b.author)}</span>
  <span class="price">${money(lang, b.price)}</span>
  ${addForm(lang, b)}
</li>`;

/**
 * One page. `view` names the page (home, books, book, cart, checkout, thanks); `path` is the
 * path after the language (for the vi/en switch); `stub` the inline stub; `abandonMinutes` the
 * cart window put on the script tag.
 */
export const renderPage = ({ lang, view, path, title, stage, body, stub, abandonMinutes = 30, cartCount = 0 }) => {
  const t = T[lang];
  const other = t.langCode;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(t.shop)}</title>
<link rel="stylesheet" href="/shop/shop.css">
<!-- touchpoint snippet: the stub keeps calls made before the SDK arrives; settings are data-* attributes -->
<script>${stub}</script>
<script async src="/touchpoint.js" data-endpoint="/" data-abandon-minutes="${abandonMinutes}"></script>
</head>
<body data-tp-touchpoint="${view}" data-tp-stage="${stage}">
<header class="top">
  <a class="brand" href="/shop/${lang}/">${esc(t.shop)}</a>
  <nav aria-label="${esc(t.shop)}">
    <a href="/shop/${lang}/books">${t.books}</a>
    <a href="/shop/${lang}/cart" id="cart-link">${t.cart} (${cartCount})</a>
    <a href="/shop/${other}/${path}" hreflang="${other}" lang="${other}" id="lang-switch">${t.lang}</a>
  </nav>
</header>
<main id="main">
${body}
</main>
<footer class="foot"><p>${esc(t.tagline)}</p><p>${esc(t.demoNote)} <a href="/">${esc(t.demoLink)}</a> · <a href="/report?lang=${lang}">${esc(t.reportLink)}</a></p></footer>
</body>
</html>`;
};

const exitSurvey = (lang, view) =>
  `<touchpoint-rating survey-id="what-stopped-you" trigger="exit-intent" presentation="floating" scale="emoji5" lang="${lang}" touchpoint="${view}" journey-stage="purchase" question="${esc(T[lang].exitQuestion)}"></touchpoint-rating>`;

/** The pages; each returns { title, stage, body } or null (not found). */
export const PAGES = {
  home: (lang) => ({
    title: T[lang].home,
    stage: 'awareness',
    body: `<section class="hero"><h1>${esc(T[lang].shop)}</h1><p>${esc(T[lang].tagline)}</p></section>
<h2>${T[lang].featured}</h2>
<ul class="books" data-tp-view="Product List Viewed" data-tp-list-id="featured">${BOOKS.slice(0, 3).map((b, i) => card(lang, b, i + 1)).join('')}</ul>
<p><a class="btn ghost" href="/shop/${lang}/books">${T[lang].seeAll}</a></p>`,
  }),
  books: (lang) => ({
    title: T[lang].books,
    stage: 'consideration',
    body: `<h1>${T[lang].books}</h1>
<ul class="books" data-tp-view="Product List Viewed" data-tp-list-id="all">${BOOKS.map((b, i) => card(lang, b, i + 1)).join('')}</ul>`,
  }),
  book: (lang, { id }) => {
    const b = bookById(id);
    if (!b) return null;
    return {
      title: b.name,
      stage: 'consideration',
      body: `<article class="product" data-tp-view="Product Viewed" ${productAttrs(b)}>
  <span class="cover big" aria-hidden="true">${esc(b.name.slice(0, 1))}</span>
  <div>
    <h1>${esc(b.name)}</h1>
    <p class="author">${T[lang].by} ${esc(b.author)}</p>
    <p>${esc(b[lang])}</p>
    <p class="price">${money(lang, b.price)}</p>
    ${addForm(lang, b)}
  </div>
</article>`,
    };
  },
  cart: (lang, { cart }) => {
    const lines = cartLines(cart);
    const total = cartTotal(cart);
    const t = T[lang];
    // The cart opens the purchase: its exit-intent survey, Cart Abandoned (sent by the SDK with
    // journey_stage purchase) and the seeded journeys all put the cart there.
    return {
      title: t.cart,
      stage: 'purchase',
      body: `<h1>${t.cart}</h1>
${
  lines.length
    ? `<table class="cart" data-tp-view="Cart Viewed" data-tp-value="${total}" data-tp-currency="VND">
<thead><tr><th scope="col">${t.book}</th><th scope="col">${t.qty}</th><th scope="col">${t.total}</th><th scope="col"><span class="sr">${t.remove}</span></th></tr></thead>
<tbody>${lines
        .map(
          ({ book: b, quantity }) => `<tr><td><a href="/shop/${lang}/book/${b.id}">${esc(b.name)}</a></td><td>${quantity}</td><td>${money(lang, b.price * quantity)}</td>
<td><form method="post" action="/shop/${lang}/cart/remove"><input type="hidden" name="id" value="${b.id}"><button class="btn ghost" data-tp-event="Product Removed" ${productAttrs(b, ` data-tp-quantity="${quantity}"`)} aria-label="${t.remove}: ${esc(b.name)}">${t.remove}</button></form></td></tr>`,
        )
        .join('')}</tbody>
<tfoot><tr><th scope="row" colspan="2">${t.total}</th><td colspan="2" id="cart-total">${money(lang, total)}</td></tr></tfoot>
</table>
<p><a class="btn" id="to-checkout" href="/shop/${lang}/checkout">${t.toCheckout}</a></p>`
    : `<p>${t.emptyCart}</p><p><a class="btn ghost" href="/shop/${lang}/books">${t.keepShopping}</a></p>`
}
${exitSurvey(lang, 'cart')}`,
    };
  },
  checkout: (lang, { cart }) => {
    const lines = cartLines(cart);
    const total = cartTotal(cart);
    const t = T[lang];
    if (!lines.length) return PAGES.cart(lang, { cart });
    return {
      title: t.checkout,
      stage: 'purchase',
      body: `<h1>${t.checkout}</h1>
<section class="summary" data-tp-view="Checkout Started" data-tp-value="${total}" data-tp-currency="VND">
<ul>${lines.map(({ book: b, quantity }) => `<li>${esc(b.name)} × ${quantity} — ${money(lang, b.price * quantity)}</li>`).join('')}</ul>
<p><strong>${t.total}: ${money(lang, total)}</strong></p>
</section>
<form class="checkout" method="post" action="/shop/${lang}/order">
  <label>${t.name} <input name="name" autocomplete="name" required></label>
  <label>${t.address} <textarea name="address" autocomplete="street-address" rows="2" required></textarea></label>
  <p>${t.pay}</p>
  <button class="btn" id="place-order">${t.placeOrder}</button>
  <a href="/shop/${lang}/cart">${t.back}</a>
</form>
${exitSurvey(lang, 'checkout')}`,
    };
  },
  thanks: (lang, { order, first }) => {
    const t = T[lang];
    if (!order) return { title: t.thanks, stage: 'post_purchase', body: `<h1>${t.thanks}</h1><p>${t.unknownOrder}</p>` };
    // Order Completed only on the first view of the page: a reload must not count the order twice.
    const done = first ? ` data-tp-view="Order Completed" data-tp-order-id="${order.id}" data-tp-revenue="${order.total}" data-tp-value="${order.total}" data-tp-currency="VND"` : '';
    return {
      title: t.thanks,
      stage: 'post_purchase',
      body: `<section class="done"${done}>
<h1>${t.orderDone}</h1>
<p>${t.orderNo}: <strong id="order-id">${order.id}</strong> · ${money(lang, order.total)}</p>
</section>
<touchpoint-rating survey-id="order-csat" scale="emoji5" survey-type="csat" lang="${lang}" order-id="${order.id}" touchpoint="thank_you" journey-stage="post_purchase" question="${esc(t.rateOrder)}"></touchpoint-rating>
<p><a class="btn ghost" href="/shop/${lang}/books">${t.keepShopping}</a></p>`,
    };
  },
};
