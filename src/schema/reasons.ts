/**
 * Built-in follow-up reasons: stable ids (what `Feedback Submitted.reasons` carries) with their
 * English and Vietnamese labels. The widget, the exit and post-order surveys, the kiosk, the seed
 * and the report all read this one table, so a reason picked on a Vietnamese kiosk and one picked
 * on an English web page count as the same reason. A shop may configure reasons of its own: those
 * travel as their text and the report shows them as sent.
 */
export const REASONS = {
  // Web: why a cart or checkout was left, why an order felt bad.
  shipping_cost: { en: 'Shipping cost', vi: 'Phí vận chuyển' },
  no_cod: { en: 'No cash on delivery', vi: 'Không có thanh toán khi nhận hàng' },
  too_many_steps: { en: 'Too many steps', vi: 'Quá nhiều bước' },
  payment_failed: { en: 'Payment failed', vi: 'Thanh toán bị lỗi' },
  just_browsing: { en: 'Just browsing', vi: 'Chỉ xem thử' },
  price_too_high: { en: 'Price too high', vi: 'Giá cao' },
  slow_delivery: { en: 'Delivery too slow', vi: 'Giao hàng chậm' },
  // Store and kiosk.
  long_wait: { en: 'Long wait', vi: 'Chờ lâu' },
  staff: { en: 'Staff', vi: 'Nhân viên' },
  out_of_stock: { en: 'Out of stock', vi: 'Hết hàng' },
  cleanliness: { en: 'Cleanliness', vi: 'Vệ sinh' },
  // Praise.
  easy_checkout: { en: 'Easy checkout', vi: 'Thanh toán dễ dàng' },
  fast_delivery: { en: 'Fast delivery', vi: 'Giao hàng nhanh' },
  good_price: { en: 'Good price', vi: 'Giá tốt' },
  friendly_staff: { en: 'Friendly staff', vi: 'Nhân viên thân thiện' },
  fast_service: { en: 'Fast service', vi: 'Phục vụ nhanh' },
} as const;

/** Id of a built-in reason. */
export type ReasonId = keyof typeof REASONS;

/** Default reasons offered per instrument and answer group (neutral reuses negative). */
export const DEFAULT_REASONS: Record<'checkout' | 'order' | 'kiosk', { negative: ReasonId[]; positive: ReasonId[] }> = {
  checkout: {
    negative: ['shipping_cost', 'no_cod', 'too_many_steps', 'payment_failed', 'price_too_high', 'just_browsing'],
    positive: ['easy_checkout', 'good_price'],
  },
  order: {
    negative: ['shipping_cost', 'too_many_steps', 'payment_failed', 'slow_delivery', 'price_too_high'],
    positive: ['easy_checkout', 'fast_delivery', 'good_price'],
  },
  kiosk: {
    negative: ['long_wait', 'staff', 'out_of_stock', 'price_too_high', 'cleanliness'],
    positive: ['friendly_staff', 'fast_service', 'good_price'],
  },
};

/** Label of a reason in `lang`: the built-in label for a known id, else the text as sent. */
export const reasonLabel = (reason: string, lang: 'en' | 'vi'): string =>
  Object.prototype.hasOwnProperty.call(REASONS, reason) ? REASONS[reason as ReasonId][lang] : reason;
