import { expect, test } from 'vitest';
import { fold, findThemes, normaliseWords } from '../../src/collector/report/themes';
import { reasonLabel } from '../../src/schema/reasons';
import { COMMENTS } from './fixtures/comments';

test('normalisation keeps diacritics, folds them for matching', () => {
  expect(normaliseWords('  Phí GIAO hàng… cao quá!!! 25k')).toEqual(['phí', 'giao', 'hàng', 'cao', 'quá']);
  expect(fold('Điều hoà đẹp')).toBe('Dieu hoa dep');
  expect(normaliseWords('Điều hoà').join(' ')).toBe(normaliseWords('Điều hoà'.normalize('NFD')).join(' '));
});

test('the fixture groups as a reader would', () => {
  // A book shop's product word is not a theme.
  const themes = findThemes(COMMENTS, { lang: 'vi', limit: 50, ignoreWords: ['Sách'], reasonLabel: (r) => reasonLabel(r, 'vi') });
  const byKey = new Map(themes.map((t) => [t.key, t]));
  const expected = new Map<string, Set<number>>();
  COMMENTS.forEach((c, i) => c.themes.forEach((k) => expected.set(k, (expected.get(k) ?? new Set()).add(i))));
  for (const [key, members] of expected) {
    const theme = byKey.get(key);
    expect(theme, key).toBeDefined();
    expect(theme!.count, key).toBe(members.size);
    // Mean emotion of exactly the expected answers.
    const mean = [...members].reduce((a, i) => a + COMMENTS[i]!.emotion, 0) / members.size;
    expect(theme!.emotion, key).toBeCloseTo(mean, 0);
  }
  // Nothing else became a theme (no stray syllables such as "giao", "hàng", "gift").
  expect(themes.map((t) => t.key).sort()).toEqual([...expected.keys()].sort());
});

test('without the shop\'s ignore list, its product word is a theme of its own', () => {
  const sach = findThemes(COMMENTS, { lang: 'vi', limit: 50 }).find((t) => t.key === 'sach');
  expect(sach?.label).toBe('Sách');
  expect(sach?.count).toBe(3);
});

test('labels: the lexicon in the report language, else the most common original wording', () => {
  const vi = findThemes(COMMENTS, { lang: 'vi', limit: 50 });
  const en = findThemes(COMMENTS, { lang: 'en', limit: 50 });
  expect(vi.find((t) => t.key === 'shipping_cost')!.label).toBe('Phí giao hàng');
  expect(en.find((t) => t.key === 'shipping_cost')!.label).toBe('Shipping cost');
  expect(vi.find((t) => t.key === 'ung dung')!.label).toBe('Ứng dụng');
  expect(vi.find((t) => t.key === 'gift wrapping')!.label).toBe('Gift wrapping');
  // The most mentioned theme comes first.
  expect(vi[0]!.key).toBe('shipping_cost');
});

test('the answers behind a theme are its examples, original text kept', () => {
  const waiting = findThemes(COMMENTS, { lang: 'en', limit: 50, reasonLabel: (r) => reasonLabel(r, 'en') }).find((t) => t.key === 'waiting')!;
  expect(waiting.examples.map((e) => e.text).sort()).toEqual(['cho lau', 'Chờ lâu quá', 'Long queue at the till', 'Xếp hàng lâu'].sort());
  expect(waiting.examples.find((e) => e.text === 'Xếp hàng lâu')!.count).toBe(2);
  const shipping = findThemes(COMMENTS, { lang: 'en', limit: 50, reasonLabel: (r) => reasonLabel(r, 'en') }).find((t) => t.key === 'shipping_cost')!;
  expect(shipping.examples.map((e) => e.text)).toContain('Shipping cost');
});

test('a phrase needs two answers; empty input gives no theme', () => {
  expect(findThemes([{ comment: 'quầy sách thiếu nhi', emotion: 50 }], { lang: 'vi' })).toEqual([]);
  expect(findThemes([], { lang: 'en' })).toEqual([]);
  expect(findThemes([{ comment: '!!! ???', emotion: null }, { comment: '', emotion: null }], { lang: 'en' })).toEqual([]);
});
