/**
 * The widget's CSS. Sizes are in px (and em of a px base), never rem, so the host page's root
 * font size does not reach in; `.w{all:initial}` cuts every inherited property at the card.
 * Nothing moves (no transitions or animations), so `prefers-reduced-motion` needs no special case.
 * Theming is by the custom properties documented in docs/WIDGET.md (custom properties do inherit
 * through `all:initial`, which is what makes them work).
 */
export const CSS =
  ':host,.w{all:initial;display:block;box-sizing:border-box}' +
  // --pa/--pf: the host page's accent-color and font, when it set them (mountRating.ts).
  '.w{position:relative;max-width:420px;padding:16px;--a:var(--tp-accent,var(--pa,#0b57d0));font:var(--tp-font-size,16px)/1.4 var(--tp-font,var(--pf,system-ui,sans-serif));color:var(--tp-fg,#1f1f1f);background:var(--tp-bg,#fff);border:1px solid;border-radius:var(--tp-radius,12px)}' +
  '*{box-sizing:border-box;font:inherit;color:inherit;margin:0}' +
  '.f{position:fixed;right:16px;bottom:16px;width:calc(100vw - 32px);z-index:2147483000;box-shadow:0 4px 24px #0003}' +
  '.q,.b{font-weight:600}.q{margin:0 40px 12px 0}' +
  '.r,.o,.n,.cs{display:flex;gap:4px}.r,.cs{flex-wrap:wrap}' +
  '.o{flex:1 0 44px;flex-direction:column;align-items:center;text-align:center;border:2px solid #0000;cursor:pointer}' +
  '.o,.b,.c{min-height:44px}.o,.b,.c,textarea{border-radius:8px}' +
  '.k .o{justify-content:center;border-color:#767676}' +
  '.o[aria-checked=true],.c[aria-pressed=true]{border-color:var(--a);background:color-mix(in srgb,var(--a) 12%,#0000)}' +
  ':focus-visible{outline:3px solid var(--a);outline-offset:2px}' +
  '.e{font-size:1.75em}.k .e{font:inherit}' +
  'svg.e{width:2.25em;height:2.25em;color:#1f1f1f}' +
  '.fc{stroke:currentColor;stroke-width:1.5}.ft{fill:none;stroke:currentColor;stroke-width:3;stroke-linecap:round}.m4 .ft{fill:currentColor}' +
  '.m0 .fc{fill:var(--tp-face-1,#ef6a55)}.m1 .fc{fill:var(--tp-face-2,#f6a04d)}.m2 .fc{fill:var(--tp-face-3,#f7cf4a)}.m3 .fc{fill:var(--tp-face-4,#a5d46a)}.m4 .fc{fill:var(--tp-face-5,#4fb466)}' +
  '.stars .e,.stars [aria-checked=true]~.o .e{color:#767676}' +
  '.stars:has([aria-checked=true]) .e{color:var(--tp-star,#b45309)}' +
  '.l,.n,.m{font-size:.75em;color:var(--tp-muted,#595959)}' +
  '.n{justify-content:space-between}' +
  '.h,.x{position:absolute}.h{clip-path:inset(50%)}' +
  '.x{top:6px;right:6px;width:44px;height:44px;border:0;background:0 0;font-size:1.5em;cursor:pointer}' +
  '.b{margin-top:12px;padding:0 20px;border:0;background:var(--a);color:var(--tp-accent-fg,#fff)}' +
  '.b:disabled{opacity:.5}' +
  // A picked reason shows a check mark, not only a colour (alt text "": aria-pressed already says it).
  '.c{padding:0 14px;border:2px solid #767676;background:0 0;cursor:pointer}.c[aria-pressed=true]:before{content:"✓ ";content:"✓ "/""}.cs{gap:8px}' +
  '.m{margin-top:12px}' +
  'textarea{display:block;width:100%;margin-top:8px;padding:8px}' +
  // Forced colours: faces keep their shapes in system colours; the choice shows as Highlight.
  '@media(forced-colors:active){svg.e{forced-color-adjust:none;color:CanvasText}.e .fc{fill:Canvas}' +
  '[aria-checked=true] .fc{fill:Highlight}[aria-checked=true] svg.e{color:HighlightText}' +
  '.o[aria-checked=true],.c[aria-pressed=true]{border-color:Highlight}.b{border:2px solid}}';

let sheet: CSSStyleSheet | undefined;

/**
 * Style a shadow root: one shared constructable stylesheet (no `<style>` element, so no CSP
 * nonce needed), else a `<style nonce>` element where constructable stylesheets are missing.
 */
export const adoptStyles = (root: ShadowRoot, nonce?: string): void => {
  try {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    sheet = undefined;
    const el = document.createElement('style');
    if (nonce) el.nonce = nonce;
    el.textContent = CSS;
    root.prepend(el);
  }
};
