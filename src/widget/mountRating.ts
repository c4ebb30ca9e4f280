import { h } from './h';
import { ratingStep, type RatingAction, type RatingEffect, type RatingState } from './ratingMachine';
import type { ResolvedSurvey } from './resolveSurvey';

/** What `mountRating` needs besides the survey. */
export interface MountOptions {
  /** Corner card with dialog semantics (takes focus, gives it back) instead of an inline group. */
  floating: boolean;
  /** Milliseconds the thank-you stays. */
  thanksMs: number;
  /** Perform an effect of the state machine (events, memory). Called before the view updates. */
  effect(e: RatingEffect, s: RatingState): void;
  /** The survey reached `closed` (the card is already removed). */
  closed(): void;
}

/**
 * Render a survey into a shadow root and run its state machine. Follows the W3C APG radio-group
 * pattern: roving tabindex, arrows move focus only (so they never submit), Space/Enter/click
 * select; Escape closes. Returns a function that removes the card without any event.
 */
export const mountRating = (root: ShadowRoot, r: ResolvedSurvey, m: MountOptions): (() => void) => {
  const { min, max, glyphs } = r.scale;
  let s: RatingState = { stage: 'question' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const prev = document.activeElement as HTMLElement | null;
  const card = h('div', {
    class: m.floating ? 'w f' : 'w',
    role: m.floating ? 'dialog' : 'group',
    'aria-labelledby': 'q',
    lang: r.lang,
    tabindex: '-1',
  });
  const x = h('button', { type: 'button', class: 'x', 'aria-label': r.s.close }, [h('span', { 'aria-hidden': 'true' }, '×')]);
  const body = h('div');
  const status = h('div', { role: 'status', class: 's' });
  card.append(x, body, status);

  const remove = () => {
    clearTimeout(timer);
    const hadFocus = root.activeElement || (m.floating && document.activeElement == root.host);
    card.remove();
    // Give focus back where it was, but only if it is still ours to give.
    if (hadFocus && prev?.isConnected) prev.focus();
  };
  const act = (a: RatingAction) => {
    const [next, effects] = ratingStep(s, a, { autoSubmit: r.autoSubmit, hasFollowUp: (n) => !!r.followUp(n) });
    const moved = next.stage != s.stage;
    s = next;
    effects.forEach((e) => m.effect(e, s));
    if (s.stage == 'closed') return remove(), m.closed();
    if (moved) render();
    else paint();
  };

  let radios: HTMLElement[] = [];
  let send: HTMLElement | undefined;
  const paint = () => {
    radios.forEach((el, i) => {
      el.setAttribute('aria-checked', String(min + i == s.score));
      el.classList.toggle('on', s.score !== undefined && min + i <= s.score);
    });
    if (send) (send as HTMLButtonElement).disabled = s.score === undefined;
  };
  const focusRadio = (i: number) => {
    radios.forEach((el, j) => (el.tabIndex = i == j ? 0 : -1));
    radios[i]!.focus();
  };

  const render = () => {
    body.replaceChildren();
    send = undefined;
    if (s.stage == 'question') {
      const numeric = !glyphs.length;
      radios = r.labels.map((label, i) =>
        h('div', { role: 'radio', 'aria-checked': 'false', tabindex: i ? '-1' : '0', class: 'o' }, [
          h('span', { class: 'e', 'aria-hidden': 'true' }, numeric ? String(min + i) : glyphs[i]!),
          h('span', { class: r.scale.visible ? 'l' : 'h' }, label),
        ]),
      );
      const group = h('div', { role: 'radiogroup', 'aria-labelledby': 'q', class: `r ${numeric ? 'k' : r.scaleName == 'stars' ? 'st' : ''}` }, radios);
      group.onclick = (ev) => {
        const i = radios.indexOf((ev.target as Element).closest('.o') as HTMLElement);
        if (i >= 0) focusRadio(i), act({ type: 'select', score: min + i });
      };
      group.onkeydown = (ev) => {
        const i = radios.indexOf(ev.target as HTMLElement);
        const k = ev.key;
        const n = radios.length;
        let j = -1;
        if (k == 'ArrowRight' || k == 'ArrowDown') j = (i + 1) % n;
        else if (k == 'ArrowLeft' || k == 'ArrowUp') j = (i - 1 + n) % n;
        else if (k == 'Home') j = 0;
        else if (k == 'End') j = n - 1;
        else if (k == ' ' || k == 'Enter') act({ type: 'select', score: min + i });
        else return;
        ev.preventDefault();
        if (j >= 0) focusRadio(j);
      };
      body.append(h('div', { id: 'q', class: 'q' }, r.question), group);
      if (numeric) {
        const ends = r.scale.labels == 7 ? [r.s.seven[0]!, r.s.seven[6]!] : r.s.ends;
        // Visible end labels for sighted users; screen readers get them in the end points' names.
        body.append(h('div', { class: 'n', 'aria-hidden': 'true' }, [h('span', {}, ends[0]), h('span', {}, ends[1])]));
      }
      if (!r.autoSubmit) {
        send = h('button', { type: 'button', class: 'b' }, r.s.send);
        send.onclick = () => act({ type: 'submit' });
        body.append(send);
      }
      paint();
    } else if (s.stage == 'followup') {
      const f = r.followUp(s.score!)!;
      const boxes = f.reasons.map((reason) => h('input', { type: 'checkbox', value: reason }) as HTMLInputElement);
      const text = f.comment
        ? (h('textarea', { id: 't', 'aria-labelledby': 'fq', maxlength: String(r.maxLength), rows: '3' }) as HTMLTextAreaElement)
        : undefined;
      const btn = h('button', { type: 'button', class: 'b' }, r.s.send);
      btn.onclick = () =>
        act({
          type: 'send',
          comment: text?.value.trim().slice(0, r.maxLength) || null,
          reasons: boxes.filter((b) => b.checked).map((b) => b.value),
        });
      body.append(h('div', { id: 'fq', class: 'q' }, f.question));
      if (boxes.length)
        body.append(h('div', { role: 'group', 'aria-labelledby': 'fq' }, boxes.map((b) => h('label', {}, [b, b.value]))));
      body.append(...(text ? [text] : []), btn);
      (boxes[0] ?? text!).focus();
    } else {
      // Thanks: the live region existed from the start, so filling it is announced.
      status.textContent = r.s.thanks;
      card.focus();
      timer = setTimeout(() => act({ type: 'timeout' }), m.thanksMs);
    }
  };

  x.onclick = () => act({ type: 'close' });
  card.onkeydown = (ev) => {
    if (ev.key == 'Escape') ev.stopPropagation(), act({ type: 'close' });
  };
  render();
  root.append(card);
  if (m.floating) (card.querySelector('[tabindex="0"]') as HTMLElement).focus();
  return remove;
};
