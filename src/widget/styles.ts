/**
 * The widget's CSS. Sizes are in px (and em of a px base), never rem, so the host page's root
 * font size does not reach in; `.w{all:initial}` cuts every inherited property at the card.
 * Theming is by the custom properties documented in docs/WIDGET.md (custom properties do inherit
 * through `all:initial`, which is what makes them work).
 */
export const CSS = `:host{all:initial;display:block}
.w{all:initial;display:block;box-sizing:border-box;position:relative;max-width:420px;padding:16px;font:var(--tp-font-size,16px)/1.4 var(--tp-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--tp-fg,#1f1f1f);background:var(--tp-bg,#fff);border:1px solid var(--tp-border,#767676);border-radius:var(--tp-radius,12px)}
.f{position:fixed;right:16px;bottom:16px;width:calc(100vw - 32px);z-index:var(--tp-z,2147483000);box-shadow:0 4px 24px #0003}
.w *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.q{font-weight:600;padding-right:40px;margin-bottom:12px}
.r{display:flex;flex-wrap:wrap;gap:4px}
.o{flex:1 0 44px;min-height:44px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:2px;padding:4px 2px;border:2px solid #0000;border-radius:8px;cursor:pointer;text-align:center;user-select:none}
.o:hover{background:var(--tp-hover,#f1f3f4)}
.o[aria-checked=true]{border-color:var(--tp-accent,#0b57d0);background:var(--tp-selected,#e8f0fe)}
:focus-visible{outline:3px solid var(--tp-focus,#0b57d0);outline-offset:2px}
.e{font-size:1.75em;line-height:1.2}
.k .e{font-size:1em;font-weight:600}
.st .e{color:var(--tp-star-off,#767676)}
.st .on .e{color:var(--tp-star,#b45309)}
.l,.n{font-size:.75em;color:var(--tp-muted,#595959)}
.n{display:flex;justify-content:space-between;margin-top:4px}
.h{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.x{position:absolute;top:6px;right:6px;width:44px;height:44px;border:0;background:none;border-radius:8px;cursor:pointer;font-size:1.5em;line-height:1}
.b{display:block;min-height:44px;margin-top:12px;padding:0 20px;border:0;border-radius:8px;background:var(--tp-accent,#0b57d0);color:var(--tp-accent-fg,#fff);font-weight:600;cursor:pointer}
.b:disabled{opacity:.5;cursor:default}
.w textarea{display:block;width:100%;min-height:5em;margin-top:8px;padding:8px;border:1px solid var(--tp-border,#767676);border-radius:8px;background:var(--tp-bg,#fff);resize:vertical}
label{display:flex;align-items:center;gap:8px;min-height:44px;cursor:pointer}
input{width:20px;height:20px;accent-color:var(--tp-accent,#0b57d0)}
.s{font-weight:600}
@media (prefers-reduced-motion:no-preference){.w{animation:tp-in .2s ease-out}.o{transition:transform .15s}.o:hover{transform:scale(1.08)}@keyframes tp-in{from{opacity:0;transform:translateY(8px)}}}
@media (forced-colors:active){.o[aria-checked=true]{border-color:Highlight}:focus-visible{outline-color:Highlight}}`;

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
