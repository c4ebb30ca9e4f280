/** The kiosk's own texts, English and Vietnamese (the rating's texts come from the widget). */
import type { KioskStrings } from './types';

const en: KioskStrings = {
  countdown: 'Starting over in {n} s',
  order: 'Receipt code',
  ok: 'OK',
  refused: 'This kiosk cannot start: {why}.',
};
const vi: KioskStrings = {
  countdown: 'Tự động quay lại sau {n} giây',
  order: 'Mã hóa đơn',
  ok: 'Xong',
  refused: 'Kiosk không thể khởi động: {why}.',
};

/** Texts for a language (`vi…` → Vietnamese, anything else → English) with overrides on top. */
export const kioskStringsFor = (lang: string, overrides?: Partial<KioskStrings>): KioskStrings => ({
  ...(/^vi\b/i.test(lang) ? vi : en),
  ...overrides,
});
