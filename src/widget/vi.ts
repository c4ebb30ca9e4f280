/**
 * Built-in Vietnamese texts. The npm entry bundles them; the script-tag chunk swaps this module
 * for `viLazy.ts` at build time (see rollup.config.mjs) and loads them only for a Vietnamese survey.
 */
import type { RatingStrings } from './strings';

export const vi: RatingStrings = {
  question: 'Bạn thấy trải nghiệm thế nào?',
  nps: 'Bạn có sẵn lòng giới thiệu chúng tôi với bạn bè không?',
  ces: 'Tôi dễ dàng làm được điều mình cần.',
  exit: 'Điều gì khiến bạn dừng lại hôm nay?',
  five: ['Rất tệ', 'Tệ', 'Bình thường', 'Tốt', 'Rất tốt'],
  agree: ['Hoàn toàn không đồng ý', 'Hoàn toàn đồng ý'],
  ends: ['Hoàn toàn không', 'Chắc chắn có'],
  worse: 'Chúng tôi nên cải thiện điều gì?',
  better: 'Bạn thích điều gì nhất?',
  send: 'Gửi',
  close: 'Đóng',
  more: 'Góp ý thêm (không bắt buộc)',
  thanks: 'Cảm ơn bạn đã góp ý!',
};

/** Make `vi` available for a survey in `lang` (already here: nothing to wait for). */
export const loadStrings = (_lang: string): Promise<unknown> | void => {};
