/**
 * Themes of open text (comments and shops' own reason texts) in Vietnamese and English, without
 * an external service. Text is normalised (Unicode NFC, lower case, punctuation and symbols to
 * spaces); words are matched loosely — diacritics stripped (`giao hàng` = `giao hang`, đ = d) and a
 * final English plural `s` dropped — while the original wording is what the report shows.
 *
 * Two passes, both counting each answer at most once per theme:
 * 1. A small lexicon of known shop topics, each a list of 1–3-word phrases in both languages
 *    (`phí giao hàng`, `phí ship`, `shipping cost` …) and the built-in reason ids that mean it.
 *    Vietnamese compound words (`giao hàng`, `nhân viên`, `thanh toán`) are written as the
 *    multi-syllable phrases they are, so a syllable alone never matches.
 * 2. Phrases found in the remaining words: runs of non-stop words, 1–3 words long, seen in at least
 *    `minCount` answers (a single word in one more), naming something (not only modifiers such as
 *    `nhanh`, `cao`, `fast`). Longer phrases are preferred (score = answers × (1 + 0.6 × (words − 1)));
 *    a phrase sharing a word with a chosen theme whose answers it mostly repeats (≥ 60 %) is
 *    dropped, so `giao` and `hàng` fold into `giao hàng`.
 */
import type { Lang } from './reportFilter';

/** One answer: its comment, its reasons (built-in ids or a shop's own text) and its emotion. */
export interface ThemeInput {
  comment?: string | undefined;
  reasons?: readonly string[];
  /** Emotion 0–100 of the rating, or null when unknown. */
  emotion: number | null;
}

/** A theme: the answers that mention it, their count and mean emotion. */
export interface Theme {
  /** Lexicon id (`shipping_cost`) or the loosely matched phrase (`giao hang nhanh`). */
  key: string;
  /** Shown name: the lexicon's label in the report language, else the most common original wording. */
  label: string;
  /** Answers mentioning it. */
  count: number;
  /** Mean emotion (0–100) of those answers, null when none was rated. */
  emotion: number | null;
  /** The answers behind the theme, most frequent text first (original wording, with counts). */
  examples: { text: string; count: number; emotion: number | null }[];
}

/** A lexicon topic: phrases in both languages (any case and diacritics) and reason ids meaning it. */
export interface ThemeTopic {
  id: string;
  label: Record<Lang, string>;
  phrases: string[];
  reasons?: string[];
}

/** Built-in topics of a shop's journey (web and store). */
export const THEME_TOPICS: readonly ThemeTopic[] = [
  { id: 'shipping_cost', label: { en: 'Shipping cost', vi: 'Phí giao hàng' }, phrases: ['phí giao hàng', 'phí ship', 'phí vận chuyển', 'tiền ship', 'shipping cost', 'shipping fee', 'delivery fee', 'delivery cost', 'postage'], reasons: ['shipping_cost'] },
  { id: 'delivery', label: { en: 'Delivery', vi: 'Giao hàng' }, phrases: ['giao hàng', 'giao nhanh', 'giao chậm', 'vận chuyển', 'delivery', 'delivered', 'shipping', 'shipped', 'courier'], reasons: ['slow_delivery', 'fast_delivery'] },
  { id: 'checkout_steps', label: { en: 'Steps to pay', vi: 'Các bước thanh toán' }, phrases: ['nhiều bước', 'bước', 'rườm rà', 'many steps', 'step', 'too long to pay', 'form'], reasons: ['too_many_steps', 'easy_checkout'] },
  { id: 'payment', label: { en: 'Payment', vi: 'Thanh toán' }, phrases: ['thanh toán', 'trả tiền', 'quẹt thẻ', 'cod', 'payment', 'pay', 'card', 'checkout'], reasons: ['payment_failed', 'no_cod'] },
  { id: 'price', label: { en: 'Price', vi: 'Giá' }, phrases: ['giá', 'đắt', 'rẻ', 'price', 'expensive', 'cheap', 'pricey'], reasons: ['price_too_high', 'good_price'] },
  { id: 'discount', label: { en: 'Discounts and codes', vi: 'Mã giảm giá, khuyến mãi' }, phrases: ['mã giảm giá', 'giảm giá', 'khuyến mãi', 'voucher', 'discount', 'coupon', 'promo code', 'promo'] },
  { id: 'site_speed', label: { en: 'Site speed', vi: 'Tốc độ trang' }, phrases: ['tải chậm', 'trang chậm', 'load chậm', 'lag', 'slow page', 'loading', 'loads slowly', 'slow to load'] },
  { id: 'finding', label: { en: 'Finding products', vi: 'Tìm sản phẩm' }, phrases: ['tìm', 'tìm kiếm', 'find', 'search', 'selection', 'filter'] },
  { id: 'stock', label: { en: 'Out of stock', vi: 'Hết hàng, thiếu hàng' }, phrases: ['hết hàng', 'thiếu sách', 'thiếu hàng', 'không có sách', 'out of stock', 'sold out', 'missing'], reasons: ['out_of_stock'] },
  { id: 'staff', label: { en: 'Staff', vi: 'Nhân viên' }, phrases: ['nhân viên', 'tư vấn', 'thu ngân', 'bảo vệ', 'staff', 'cashier', 'employee', 'service', 'helpful'], reasons: ['staff', 'friendly_staff'] },
  { id: 'waiting', label: { en: 'Waiting and queues', vi: 'Chờ đợi, xếp hàng' }, phrases: ['xếp hàng', 'chờ lâu', 'đợi lâu', 'chờ', 'đợi', 'queue', 'wait', 'waiting', 'line'], reasons: ['long_wait', 'fast_service'] },
  { id: 'packaging', label: { en: 'Packaging', vi: 'Đóng gói' }, phrases: ['đóng gói', 'gói hàng', 'hộp', 'packaging', 'packed', 'wrapped', 'box'] },
  { id: 'store_space', label: { en: 'Store and cleanliness', vi: 'Không gian, vệ sinh' }, phrases: ['không gian', 'vệ sinh', 'sạch', 'bẩn', 'chỗ ngồi', 'cleanliness', 'clean', 'dirty', 'space', 'seating'], reasons: ['cleanliness'] },
];

// Stop words in their written form: matching them with diacritics keeps `dễ` (easy) apart from `để` (to).
const STOP_VI = 'và là của có thì mà nhưng rất quá hơi cho với tôi mình em anh chị bạn này đó kia để được bị đã đang sẽ cũng lại nhiều ít một các những nên vì khi ở tại trong ra vào thấy làm rồi nữa vẫn còn hơn nhất thôi ạ nhé nha ơi thế vậy như lắm khá cái con chỉ mới đều từ hay hoặc nào gì ai sao lúc bây giờ luôn tạm ổn';
const STOP_EN = 'the a an and or but is are was were be been being to of in on at for with it its it’s this that these those i we you he she they my our your their me us them very too so just only really quite ok okay from by as then there have has had do did does can could would will should all some much more also than what when which who get got am if about after before here one bit';
// Words that describe rather than name (how it was, not what): part of a phrase, never a theme alone.
// Negations are among them, never stop words: "not enough reviews" must not read "enough reviews".
const MODIFIERS_VI = 'không chưa chẳng cao thấp nhanh chậm đẹp xấu tốt tệ lâu dễ khó mới cũ hỏng lỗi cần muốn tinh hài lòng vui buồn ngon thân thiện nhiệt tình yên tĩnh lạnh nóng mát';
const MODIFIERS_EN = 'not no never without unclear clear fast slow quick good great bad high low nice easy hard lovely again twice took keep keeps please offer option well fair long short new old broken need want';
const MODIFIERS = new Set([...MODIFIERS_VI.split(' '), ...MODIFIERS_EN.split(' ')].map((w) => stem(fold(w))));

const STOP = new Set([...STOP_VI.split(' '), ...STOP_EN.split(' ')]);
const STOP_FOLDED = new Set([...STOP].map((w) => fold(w)));

/** Strip diacritics for loose matching: `Phí giao hàng` → `phi giao hang`, `đ` → `d`. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Case and punctuation normalised, diacritics kept: the words of a text as written. */
export const normaliseWords = (text: string): string[] =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    // Amounts and codes (`25k`, `DH123`) are not words of a theme.
    .filter((w) => w && !/\d/.test(w));

/** An English plural `s` dropped (Vietnamese syllables never end in s). */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The loose matching key of a word: folded and stemmed. */
const keyOf = (word: string): string => stem(fold(word));

/** A stop word: as written; or, for text typed without diacritics, by its folded form. */
const isStop = (word: string): boolean => STOP.has(word) || (fold(word) === word && STOP_FOLDED.has(word));

interface Token {
  word: string;
  /** {@link keyOf} the word. */
  key: string;
  /** Written without diacritics: matched against the folded form of phrases. */
  plain: boolean;
  stop: boolean;
  used: boolean;
}

/** Tokens of each text segment (comment, each own reason), kept apart so phrases never cross them. */
const segmentsOf = (input: ThemeInput, builtIn: ReadonlySet<string>): Token[][] =>
  [input.comment ?? '', ...(input.reasons ?? []).filter((r) => !builtIn.has(r))]
    .map((text) => normaliseWords(text).map((word) => ({ word, key: keyOf(word), plain: fold(word) === word, stop: isStop(word), used: false })))
    .filter((tokens) => tokens.length);

interface PhraseWord {
  exact: string;
  key: string;
}
const phraseWords = (phrase: string): PhraseWord[] => normaliseWords(phrase).map((w) => ({ exact: stem(w), key: keyOf(w) }));

/**
 * A word written with diacritics must match them (`chờ` wait is not `cho` for); one typed without
 * them matches any accented form (`cho lau` = `chờ lâu`).
 */
const wordMatches = (t: Token, p: PhraseWord) => !t.used && (t.plain ? t.key === p.key : stem(t.word) === p.exact);

/**
 * Mark and report whether the phrase occurs as a run of unused tokens. A stop word alone never
 * matches a one-word phrase: `cho tôi` (give me) is not `chờ` (wait), while `cho lau` is `chờ lâu`.
 */
const matchRun = (tokens: Token[], phrase: PhraseWord[]): boolean => {
  let found = false;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.length === 1 && tokens[i]!.stop) continue;
    if (phrase.every((p, j) => wordMatches(tokens[i + j]!, p))) {
      found = true;
      for (let j = 0; j < phrase.length; j++) tokens[i + j]!.used = true;
    }
  }
  return found;
};

/** A discovered phrase must name something: at least one word that is not a modifier. */
const names = (keys: readonly string[]) => keys.some((k) => !MODIFIERS.has(k));

/** Options of {@link findThemes}. */
export interface ThemeOptions {
  lang: Lang;
  /** Fewest answers for a discovered phrase to become a theme. Default 2. */
  minCount?: number;
  /** Most themes returned. Default 10. */
  limit?: number;
  /** Topics matched first. Default {@link THEME_TOPICS}. */
  topics?: readonly ThemeTopic[];
  /** The shop's own words that say nothing as a theme (its product: `sách` for a book shop). Default none. */
  ignoreWords?: readonly string[];
  /** Label of a built-in reason id, for examples of answers without a comment. */
  reasonLabel?: (reason: string) => string;
}

/** Group answers into themes, most mentioned first. */
export const findThemes = (inputs: readonly ThemeInput[], options: ThemeOptions): Theme[] => {
  const { lang, minCount = 2, limit = 10, topics = THEME_TOPICS, reasonLabel = (r: string) => r, ignoreWords = [] } = options;
  const ignored = new Set(ignoreWords.flatMap((w) => normaliseWords(w).map(keyOf)));
  const builtIn = new Set(topics.flatMap((t) => t.reasons ?? []));
  const answers = inputs.map((input) => ({ input, segments: segmentsOf(input, builtIn) }));
  const groups = new Map<string, { label: string; members: Set<number> }>();
  const add = (key: string, label: string, index: number) => {
    const group = groups.get(key) ?? { label, members: new Set<number>() };
    group.members.add(index);
    groups.set(key, group);
  };

  // Pass 1: the lexicon. Longest phrases first, so `phí giao hàng` claims its words before `giao hàng`.
  const phrases = topics
    .flatMap((topic) => topic.phrases.map((p) => ({ topic, words: phraseWords(p) })))
    .sort((a, b) => b.words.length - a.words.length);
  answers.forEach(({ input, segments }, index) => {
    for (const reason of input.reasons ?? []) {
      const topic = topics.find((t) => t.reasons?.includes(reason));
      if (topic) add(topic.id, topic.label[lang], index);
    }
    for (const { topic, words } of phrases) {
      // Every segment is searched (no short cut), so each marks the words it used.
      if (segments.map((tokens) => matchRun(tokens, words)).includes(true)) add(topic.id, topic.label[lang], index);
    }
  });

  // Pass 2: phrases in the words left over.
  const candidates = discoverPhrases(answers.map((a) => a.segments), minCount);
  for (const c of candidates) {
    if (c.keys.every((k) => ignored.has(k))) continue;
    const overlapping = [...groups].filter(([key]) => key.split(' ').some((k) => c.keys.includes(k)));
    const repeats = overlapping.some(([, g]) => [...c.members].filter((m) => g.members.has(m)).length >= 0.6 * c.members.size);
    if (repeats) continue;
    groups.set(c.keys.join(' '), { label: c.label, members: c.members });
  }

  return [...groups]
    .map(([key, g]) => summarise(key, g.label, [...g.members].map((i) => inputs[i]!), reasonLabel))
    .filter((t) => t.count >= 1)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, lang))
    .slice(0, limit);
};

interface Candidate {
  keys: string[];
  label: string;
  members: Set<number>;
  score: number;
}

/** Runs of unused, non-stop words, 1–3 long, counted once per answer; best first. */
const discoverPhrases = (answers: Token[][][], minCount: number): Candidate[] => {
  const found = new Map<string, { keys: string[]; members: Set<number>; wordings: Map<string, number> }>();
  answers.forEach((segments, index) => {
    for (const tokens of segments) {
      for (let i = 0; i < tokens.length; i++) {
        for (let len = 1; len <= 3 && i + len <= tokens.length; len++) {
          const run = tokens.slice(i, i + len);
          if (run.some((t) => t.stop || t.used || t.key.length < 2)) break;
          const keys = run.map((t) => t.key);
          const entry = found.get(keys.join(' ')) ?? { keys, members: new Set<number>(), wordings: new Map<string, number>() };
          entry.members.add(index);
          const wording = run.map((t) => t.word).join(' ');
          entry.wordings.set(wording, (entry.wordings.get(wording) ?? 0) + 1);
          found.set(keys.join(' '), entry);
        }
      }
    }
  });
  return [...found.values()]
    // One word alone is weak evidence of a topic: it needs one answer more than a phrase.
    .filter((f) => names(f.keys) && f.members.size >= minCount + (f.keys.length === 1 ? 1 : 0))
    .map((f) => ({
      keys: f.keys,
      members: f.members,
      // Most used wording; on a tie the one written with diacritics says more.
      label: [...f.wordings].sort((a, b) => b[1] - a[1] || Number(fold(a[0]) === a[0]) - Number(fold(b[0]) === b[0]) || a[0].localeCompare(b[0]))[0]![0],
      score: f.members.size * (1 + 0.6 * (f.keys.length - 1)),
    }))
    .sort((a, b) => b.score - a.score || a.keys.join(' ').localeCompare(b.keys.join(' ')));
};

const summarise = (key: string, label: string, members: ThemeInput[], reasonLabel: (r: string) => string): Theme => {
  const rated = members.filter((m) => m.emotion !== null);
  const texts = new Map<string, { text: string; count: number; sum: number; rated: number }>();
  for (const m of members) {
    // What the shopper said: the comment, and the reasons picked with it (a theme may come from either).
    const said = [m.comment?.replace(/\s+/g, ' ').trim().slice(0, 280), (m.reasons ?? []).map(reasonLabel).join(', ')].filter(Boolean);
    const text = said.length === 2 ? `${said[0]} (${said[1]})` : (said[0] ?? '');
    const entry = texts.get(text.toLocaleLowerCase('vi')) ?? { text, count: 0, sum: 0, rated: 0 };
    entry.count += 1;
    if (m.emotion !== null) {
      entry.sum += m.emotion;
      entry.rated += 1;
    }
    texts.set(text.toLocaleLowerCase('vi'), entry);
  }
  return {
    key,
    label: label.charAt(0).toLocaleUpperCase('vi') + label.slice(1),
    count: members.length,
    emotion: rated.length ? Math.round((rated.reduce((a, m) => a + m.emotion!, 0) / rated.length) * 10) / 10 : null,
    examples: [...texts.values()]
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
      .map((t) => ({ text: t.text, count: t.count, emotion: t.rated ? Math.round((t.sum / t.rated) * 10) / 10 : null })),
  };
};
