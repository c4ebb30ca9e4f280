import type { Lang } from './reportFilter';

/** A touchpoint's shown name: one text for both languages, or per language. */
export type TouchpointLabel = string | Partial<Record<Lang, string>>;

/**
 * Names of the touchpoint ids the SDK, the demo shop, the seed and the kiosk use. A shop adds or
 * overrides its own with the report option `touchpointLabels`; an id without a name is shown as
 * sent.
 */
export const DEFAULT_TOUCHPOINT_LABELS: Readonly<Record<string, Record<Lang, string>>> = {
  home: { en: 'Home page', vi: 'Trang chủ' },
  '/': { en: 'Home page', vi: 'Trang chủ' },
  landing_campaign: { en: 'Campaign landing page', vi: 'Trang chiến dịch' },
  blog: { en: 'Blog', vi: 'Blog' },
  search: { en: 'Search', vi: 'Tìm kiếm' },
  product_list: { en: 'Product list', vi: 'Danh sách sản phẩm' },
  books: { en: 'Book list', vi: 'Danh sách sách' },
  product_page: { en: 'Product page', vi: 'Trang sản phẩm' },
  book: { en: 'Book page', vi: 'Trang sách' },
  cart: { en: 'Cart', vi: 'Giỏ hàng' },
  checkout: { en: 'Checkout', vi: 'Thanh toán' },
  thank_you: { en: 'Order confirmation', vi: 'Xác nhận đơn hàng' },
  thanks: { en: 'Order confirmation', vi: 'Xác nhận đơn hàng' },
  order_tracking: { en: 'Order tracking', vi: 'Theo dõi đơn hàng' },
  review_form: { en: 'Review form', vi: 'Viết đánh giá' },
  spa: { en: 'App home', vi: 'Trang chủ ứng dụng' },
  spa_product: { en: 'App product page', vi: 'Trang sản phẩm (ứng dụng)' },
  spa_cart: { en: 'App cart', vi: 'Giỏ hàng (ứng dụng)' },
  store_counter: { en: 'Store counter', vi: 'Quầy thu ngân' },
  store_exit: { en: 'Store exit', vi: 'Cửa ra cửa hàng' },
  store_entrance: { en: 'Store entrance', vi: 'Cửa vào cửa hàng' },
};

/** Check the option at set-up: a map of id → text or `{ en, vi }`. Throws a TypeError naming it. */
export const validateTouchpointLabels = (labels: unknown, option = 'report.touchpointLabels'): Record<string, TouchpointLabel> => {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) throw new TypeError(`${option} must be an object of touchpoint id → label`);
  for (const [id, label] of Object.entries(labels)) {
    const ok = typeof label === 'string' || (label && typeof label === 'object' && Object.entries(label).every(([k, v]) => (k === 'en' || k === 'vi') && typeof v === 'string'));
    if (!ok) throw new TypeError(`${option}.${id} must be a string or { en, vi } strings`);
  }
  return labels as Record<string, TouchpointLabel>;
};

/** The labeller of a report: the shop's names first, then the defaults, then the id itself. */
export const touchpointLabeller =
  (custom: Readonly<Record<string, TouchpointLabel>> = {}) =>
  (id: string, lang: Lang): string => {
    const own = Object.prototype.hasOwnProperty.call(custom, id) ? custom[id] : undefined;
    const builtIn = Object.prototype.hasOwnProperty.call(DEFAULT_TOUCHPOINT_LABELS, id) ? DEFAULT_TOUCHPOINT_LABELS[id]![lang] : undefined;
    // The shop's name in this language, else the built-in one, else the shop's in the other language.
    return (typeof own === 'string' ? own : own?.[lang]) ?? builtIn ?? (typeof own === 'object' ? own.en ?? own.vi : undefined) ?? id;
  };
