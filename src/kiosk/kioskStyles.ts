/**
 * Kiosk CSS: the full-screen frame (its own shadow root) and the larger presentation of the
 * rating widget, adopted into the widget's shadow root next to the widget's own sheet, so the
 * widget needs no kiosk code. Sizes follow the screen (vmin) within px bounds.
 * Colour is never the only cue: every face has its own shape (the glyph) and its text label.
 */
export const FRAME_CSS =
  ':host{all:initial}' +
  '.k{position:fixed;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:3vmin;padding:4vmin;box-sizing:border-box;' +
  'overflow:auto;background:var(--tp-kiosk-bg,#f7f7f5);color:var(--tp-fg,#1f1f1f);font:18px/1.4 var(--tp-font,system-ui,sans-serif);' +
  '--tp-font-size:clamp(18px,2.4vmin + 8px,34px);--tp-bg:transparent}' +
  '.s{width:min(100%,1100px)}' +
  '.v{position:absolute;clip-path:inset(50%);width:1px;height:1px;overflow:hidden;margin:0}' +
  '.c{min-height:1.5em;margin:0;font-size:var(--tp-font-size);font-weight:600}' +
  '.c[hidden]{visibility:hidden;display:block}' +
  '.o{position:absolute;right:8px;bottom:8px;min-width:44px;min-height:44px;border:0;border-radius:8px;background:#0000;color:#595959;font:inherit;font-size:14px}' +
  '.p{position:absolute;inset:auto 8px 60px auto;display:flex;gap:8px;align-items:center;padding:12px;background:#fff;border:1px solid #767676;border-radius:8px}' +
  '.p[hidden]{display:none}' +
  '.p input,.p button{font:inherit;min-height:44px;padding:0 12px}' +
  '.e{max-width:40em;padding:24px;border:3px solid #c5221f;border-radius:12px;background:#fff;font-size:24px}' +
  ':focus-visible{outline:3px solid var(--tp-accent,#0b57d0);outline-offset:2px}';

export const WIDGET_CSS =
  '.w{max-width:none;width:100%;padding:0;border:0}' +
  '.x{display:none}' +
  '.q{margin:0 0 1.2em;text-align:center;font-size:1.5em}' +
  '.r{gap:2.5vmin;flex-wrap:nowrap}' +
  '.o{justify-content:center;gap:.3em;min-height:2.75em;padding:.8em .3em;border-width:3px;border-radius:20px}' +
  '.e{font-size:3.2em;line-height:1.1}' +
  '.l{font-size:1em;font-weight:600;color:inherit}' +
  '.smiley4 .o:nth-child(1){background:#fce8e6;border-color:#c5221f}' +
  '.smiley4 .o:nth-child(2){background:#fef3e0;border-color:#b06000}' +
  '.smiley4 .o:nth-child(3){background:#e6f4ea;border-color:#188038}' +
  '.smiley4 .o:nth-child(4){background:#ceead6;border-color:#0d652d}' +
  '.smiley4 .o[aria-checked=true]{outline:4px solid var(--a);outline-offset:2px}' +
  '[role=status]{font-size:2em;font-weight:600;text-align:center}' +
  '.b{display:block;min-height:2.5em;margin:16px auto 0;font-size:1.1em}' +
  '[role=group]{display:grid;justify-content:center}' +
  'label{min-height:2.5em;font-size:1.1em}' +
  'input[type=checkbox]{width:1.4em;height:1.4em}';

const sheets = new Map<string, CSSStyleSheet>();

/** Add a stylesheet to a shadow root, after the ones it has; `<style>` where sheets cannot be constructed. */
export const addStyles = (root: ShadowRoot, css: string): void => {
  try {
    let sheet = sheets.get(css);
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css), sheets.set(css, sheet);
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const el = document.createElement('style');
    el.textContent = css;
    root.append(el);
  }
};
