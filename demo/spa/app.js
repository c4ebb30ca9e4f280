// The single-page bookstore: the npm build (`import { createTracker } from 'touchpoint'`, here
// dist/index.js bundled by the demo server), history routes, and one `page()` per route change.
// Commerce events are sent by the app's own code, as an SPA developer would.
import { createTracker } from '../../dist/index.js';
import { BOOKS, bookById } from '../shop/catalog.mjs';

const tracker = createTracker({ endpoint: '/', channel: 'web', touchpoint: 'spa' });
const cart = new Map();
const vnd = (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'VND' }).format(v);
const main = document.getElementById('main');
const cartLink = document.getElementById('cart-link');

/** Tiny element builder: text only, never HTML. */
const h = (tag, attrs = {}, ...kids) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) k.startsWith('on') ? el.addEventListener(k.slice(2), v) : el.setAttribute(k, v);
  el.append(...kids.flat());
  return el;
};
const link = (href, text) => h('a', { href, 'data-route': '' }, text);
const product = (b) => ({ product_id: b.id, name: b.name, category: b.category, price: b.price, currency: 'VND' });
const total = () => [...cart].reduce((s, [id, q]) => s + bookById(id).price * q, 0);
const add = (b) => {
  cart.set(b.id, (cart.get(b.id) ?? 0) + 1);
  tracker.track('Product Added', { ...product(b), quantity: 1 }, { touchpoint: 'spa_product', journey_stage: 'consideration' });
  cartLink.textContent = `Cart (${[...cart.values()].reduce((a, q) => a + q, 0)})`;
};
const bookCard = (b) => h('li', { class: 'book' }, link(`/spa/book/${b.id}`, b.name), h('span', { class: 'price' }, vnd(b.price)), h('button', { class: 'btn', onclick: () => add(b) }, 'Add to cart'));

const routes = [
  [/^\/spa\/?$/, () => ['Home', 'spa_home', [h('h1', {}, 'Green Leaf Books'), h('ul', { class: 'books' }, BOOKS.slice(0, 3).map(bookCard))]]],
  [/^\/spa\/books$/, () => ['All books', 'spa_list', [h('h1', {}, 'All books'), h('ul', { class: 'books' }, BOOKS.map(bookCard))]]],
  [/^\/spa\/book\/([\w-]+)$/, (id) => {
    const b = bookById(id);
    if (!b) return null;
    tracker.track('Product Viewed', product(b), { touchpoint: 'spa_product', journey_stage: 'consideration' });
    return [b.name, 'spa_product', [h('article', { class: 'product' }, h('div', {}, h('h1', {}, b.name), h('p', {}, b.en), h('p', { class: 'price' }, vnd(b.price)), h('button', { class: 'btn', onclick: () => add(b) }, 'Add to cart')))]];
  }],
  [/^\/spa\/cart$/, () => {
    const lines = [...cart].map(([id, q]) => h('li', {}, `${bookById(id).name} × ${q}`));
    if (lines.length) tracker.track('Cart Viewed', { value: total(), currency: 'VND' }, { touchpoint: 'spa_cart' });
    const order = () => {
      const order_id = `spa-${Date.now().toString(36)}`;
      tracker.track('Checkout Started', { value: total(), currency: 'VND' }, { touchpoint: 'spa_cart', journey_stage: 'purchase' });
      tracker.track('Order Completed', { order_id, value: total(), revenue: total(), currency: 'VND', products: [...cart].map(([id, quantity]) => ({ ...product(bookById(id)), quantity })) }, { touchpoint: 'spa_cart', journey_stage: 'purchase' });
      cart.clear();
      cartLink.textContent = 'Cart (0)';
      go(`/spa/thanks`);
    };
    return ['Cart', 'spa_cart', [h('h1', {}, 'Cart'), lines.length ? [h('ul', {}, lines), h('p', {}, `Total ${vnd(total())}`), h('button', { class: 'btn', id: 'spa-order', onclick: order }, 'Place order')] : h('p', {}, 'Your cart is empty.')]];
  }],
  [/^\/spa\/thanks$/, () => ['Thank you', 'spa_thank_you', [h('h1', {}, 'Thank you for your order')]]],
];

const render = () => {
  let out = null;
  for (const [re, fn] of routes) {
    const m = re.exec(location.pathname);
    if (m) {
      out = fn(...m.slice(1));
      break;
    }
  }
  const [title, touchpoint, kids] = out ?? ['Not found', 'spa_404', [h('h1', {}, 'Not found')]];
  document.title = `${title} · Green Leaf Books (SPA)`;
  main.replaceChildren(...kids.flat());
  tracker.page(title, {}, { touchpoint });
  main.focus();
};
const go = (href) => {
  history.pushState(null, '', href);
  render();
};
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-route]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
  e.preventDefault();
  go(a.getAttribute('href'));
});
addEventListener('popstate', render);
render();
