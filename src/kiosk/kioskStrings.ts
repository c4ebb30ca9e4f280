/** The kiosk's own texts, English and Vietnamese (the rating's texts come from the widget). */
import type { KioskStrings } from './types';

const en: KioskStrings = {
  countdown: 'Starting over in {n} s',
  order: 'Enter your order code',
  orderLabel: 'Order code (on your receipt)',
  orderLinked: 'Order code: {code}',
  ok: 'OK',
  cancel: 'Cancel',
  refused: 'This kiosk cannot start: {why}.',
};
const vi: KioskStrings = {
  countdown: 'Tự động quay lại sau {n} giây',
  order: 'Nhập mã đơn hàng',
  orderLabel: 'Mã đơn hàng (in trên hóa đơn)',
  orderLinked: 'Mã đơn hàng: {code}',
  ok: 'Xong',
  cancel: 'Hủy',
  refused: 'Kiosk không thể khởi động: {why}.',
};

/** Texts for a language (`vi…` → Vietnamese, anything else → English) with overrides on top. */
export const kioskStringsFor = (lang: string, overrides?: Partial<KioskStrings>): KioskStrings => ({
  ...(/^vi\b/i.test(lang) ? vi : en),
  ...overrides,
});
