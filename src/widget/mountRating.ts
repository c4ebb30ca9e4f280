import { face } from './face';
import { h } from './h';
import { reasons as tables } from './reasonTables';
import { ratingStep, type RatingAction, type RatingEffect, type RatingState } from './ratingMachine';
import type { ResolvedSurvey } from './resolveSurvey';

/**
 * The host page's `accent-color` and font, as fallbacks of `--tp-accent` / `--tp-font` (styles.ts):
 * a shop that styled its page gets a matching card with no widget-specific CSS. The browser's
 * own defaults (`auto`, a bare serif) are not a choice of the page and are left out.
 */
const themeFromPage = (card: HTMLElement, host: Element) => {
  // `:host{all:initial}` resets the host itself: read what it sits in.
  const cs = getComputedStyle(host.parentElement ?? host);
  const accent = cs.accentColor;
  const font = cs.fontFamily;
  if (accent && accent != 'auto') card.style.setProperty('--pa', accent);
  if (font && !/^("?Times New Roman"?|serif)$/i.test(font)) card.style.setProperty('--pf', font);
};

const picked = (b: Element) => b.getAttribute('aria-pressed') == 'true';

/** What `mountRating` needs besides the survey. */
export interface MountOptions {
  /** Corner card with dialog semantics (takes focus, gives it back) instead of an inline group. */
  floating: boolean;
  /** Milliseconds the thank-you stays. */
  thanksMs: number;
  /** Awaited before the thank-you shows (the kiosk waits until the rating is stored). */
  wait?: () => Promise<unknown>;
  /** Perform an effect of the state machine (events, memory). Called before the view updates. */
  effect(e: RatingEffect, s: RatingState): void;
  /** The survey reached `closed`: remove it (through the returned function) and clean up. */
  closed(): void;
}

/**
 * Render a survey into a shadow root and run its state machine. Follows the W3C APG radio-group
 * pattern: roving tabindex, arrows move focus only (so they never submit), Space/Enter/click
 * select; Escape closes. Returns a function that removes the card without any event.
 */
export const mountRating = (root: ShadowRoot, r: ResolvedSurvey, m: MountOptions): (() => void) => {
  const { min, look, pick } = r.scale;
  const n = r.labels.length;
  let s: RatingState = { stage: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let radios: HTMLElement[] = [];
  let send: HTMLButtonElement | undefined;
  const prev = document.activeElement as HTMLElement | null;
  const card = h('div', {
    class: m.floating ? 'w f' : 'w',
    role: m.floating ? 'dialog' : 'group',
    'aria-labelledby': 'q',
    lang: r.lang,
    tabindex: '-1',
  });
  themeFromPage(card, root.host);
  // Buttons in a shadow root belong to no form: no `type` needed. The label names it; × is not read.
  const x = h('button', { class: 'x', 'aria-label': r.s.close }, '×');
  const body = h('div');
  const status = h('div', { role: 'status', id: 's' });
  card.append(x, body, status);

  const remove = () => {
    clearTimeout(timer);
    const had = root.activeElement;
    card.remove();
    // Give focus back where it was, if focus was still ours to give (a no-op once it left the page).
    had && prev?.focus();
  };
  const act = (a: RatingAction) => {
    const [next, e] = ratingStep(s, a, r);
    const moved = next.stage != s.stage;
    s = next;
    e && m.effect(e, s);
    if (s.stage > 2) return m.closed();
    moved ? render() : sync();
  };
  // The choice shows on the radios; Send needs one.
  const sync = () => {
    radios.forEach((el, i) => el.setAttribute('aria-checked', `${min + i == s.score}`));
    if (send) send.disabled = s.score === undefined;
  };
  const button = (a: () => RatingAction) => {
    const b = h('button', { class: 'b' }, r.s.send) as HTMLButtonElement;
    b.onclick = () => act(a());
    return b;
  };
  const focusRadio = (i: number) => {
    radios.forEach((el, j) => (el.tabIndex = i == j ? 0 : -1));
    radios[i]!.focus();
  };

  const render = () => {
    body.replaceChildren();
    if (!s.stage) {
      radios = r.labels.map((label, i) =>
        h('div', { role: 'radio', tabindex: i ? '-1' : '0', class: 'o' }, [
          look == 'faces'
            ? face(pick?.[i] ?? i)
            : h('span', { class: 'e', 'aria-hidden': 'true' }, look == 'stars' ? '★' : `${min + i}`),
          // Faces show their name; stars and numbers name themselves to screen readers only.
          h('span', { class: look == 'faces' ? 'l' : 'h' }, label),
        ]),
      );
      const group = h('div', { role: 'radiogroup', 'aria-labelledby': 'q', class: `r ${look == 'numbers' ? 'k' : r.scaleName}` }, radios);
      group.onclick = (ev) => {
        const i = radios.indexOf((ev.target as Element).closest('.o')!);
        if (i >= 0) focusRadio(i), act({ type: 0, score: min + i });
      };
      group.onkeydown = (ev) => {
        const i = radios.indexOf(ev.target as HTMLElement);
        const k = ev.key;
        const to = ({ Home: 0, End: n - 1, ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1 } as Record<string, number>)[k];
        if (k == ' ' || k == 'Enter') act({ type: 0, score: min + i });
        else if (to !== undefined) focusRadio((to + n) % n);
        else return;
        ev.preventDefault();
      };
      body.append(h('div', { id: 'q', class: 'q' }, r.question), group);
      if (look == 'numbers') {
        // Visible end labels for sighted users; screen readers get them in the end points' names.
        body.append(h('div', { class: 'n', 'aria-hidden': 'true' }, (n > 7 ? r.s.ends : r.s.agree).map((e) => h('span', {}, e))));
      }
      if (!r.autoSubmit) body.append((send = button(() => ({ type: 1 }))));
      sync();
    } else if (s.stage < 2) {
      const f = r.followUp(s.score!)!;
      const lang = /^vi\b/i.test(r.lang) ? 'vi' : 'en';
      // Reasons are toggle buttons (multi-select, large targets); built-in ids show their label.
      const chips = f.reasons.map((v) => {
        const b = h('button', { class: 'c', 'aria-pressed': 'false', value: v }, (tables?.labels as any)?.[v]?.[lang] ?? v);
        b.onclick = () => b.setAttribute('aria-pressed', `${!picked(b)}`);
        return b;
      });
      // With reasons, the comment is the optional extra and has its own visible label.
      const text = f.comment
        ? (h('textarea', { id: 'c', 'aria-labelledby': chips[0] ? 'm' : 'q', maxlength: `${r.maxLength}`, rows: '3', enterkeyhint: 'done' }) as HTMLTextAreaElement)
        : undefined;
      body.append(h('div', { id: 'q', class: 'q' }, f.question)); // the dialog's name follows the stage
      if (chips[0]) body.append(h('div', { role: 'group', 'aria-labelledby': 'q', class: 'cs' }, chips));
      if (text) body.append(...(chips[0] ? [h('div', { id: 'm', class: 'm' }, r.s.more)] : []), text);
      body.append(
        button(() => ({
          type: 2,
          comment: text?.value.trim().slice(0, r.maxLength) || null,
          reasons: f.reasons.filter((_, i) => picked(chips[i]!)),
        })),
      );
      (chips[0] ?? text!).focus();
    } else {
      // Thanks: the live region existed from the start, so filling it is announced.
      const thank = () => {
        if (s.stage != 2) return; // closed meanwhile (a late thank-you on a removed card is harmless)
        status.textContent = r.s.thanks;
        card.setAttribute('aria-labelledby', 's');
        card.focus();
        timer = setTimeout(() => act({ type: 4 }), m.thanksMs);
      };
      m.wait ? m.wait().then(thank, thank) : thank();
    }
  };

  x.onclick = () => act({ type: 3 });
  card.onkeydown = (ev) => {
    if (ev.key == 'Escape') ev.stopPropagation(), act({ type: 3 });
  };
  render();
  root.append(card);
  if (m.floating) radios[0]!.focus();
  return remove;
};
