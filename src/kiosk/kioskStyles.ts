/**
 * Kiosk CSS: the full-screen frame (its own shadow root) and the larger presentation of the
 * rating widget, adopted into the widget's shadow root next to the widget's own sheet, so the
 * widget needs no kiosk code. Sizes follow the screen (vmin) within px bounds; every touch target
 * is at least 64 px. Colour is never the only cue: faces differ in shape and carry their text
 * label, a picked reason gets a check mark (the widget's sheet), not only a colour. Nothing on
 * screen depends on the answer once it is given: the thank-you is the same text, in the same
 * place, for every answer.
 */
export const FRAME_CSS =
  ':host{all:initial}' +
  '.k{position:fixed;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:3vmin;padding:4vmin;box-sizing:border-box;' +
  'overflow:auto;background:var(--tp-kiosk-bg,#f7f7f5);color:var(--tp-fg,#1f1f1f);font:18px/1.4 var(--tp-font,system-ui,sans-serif);' +
  '--tp-font-size:clamp(18px,2.4vmin + 8px,34px);--tp-bg:transparent;-webkit-tap-highlight-color:#0000}' +
  '.s{width:min(100%,1100px)}' +
  '.v{position:absolute;clip-path:inset(50%)}' +
  // The countdown: large and bold, over a bar that empties, readable from arm's length.
  '.c{display:grid;gap:12px;width:min(100%,640px);text-align:center;font-size:clamp(24px,3vmin + 12px,48px);font-weight:700}' +
  '.c[hidden]{visibility:hidden;display:grid}' +
  '.cb{height:14px;border-radius:7px;background:#d6d6d0;overflow:hidden}.cf{height:100%;background:currentColor}' +
  '*{margin:0;font:inherit;color:inherit;box-sizing:border-box}' +
  // "Enter your order code": a labelled button under the faces, and its panel.
  '.oa{display:grid;justify-items:center;gap:12px}' +
  '.o,.pb,.p input{min-height:64px;padding:0 28px;border:3px solid #767676;border-radius:32px;background:#fff;font-weight:600}' +
  '.p{display:grid;gap:12px;width:min(92vw,560px);padding:24px;background:#fff;border:2px solid #767676;border-radius:20px}' +
  '.p[hidden]{display:none}' +
  '.p input{border-radius:12px;font-size:28px}' +
  '[aria-invalid=true]{border-style:dashed;border-color:#c5221f}' +
  '.pr{display:flex;gap:12px;justify-content:flex-end}' +
  '.pb+.pb{background:var(--tp-accent,#0b57d0);color:#fff}' +
  '.e{max-width:40em;padding:24px;border:3px solid #c5221f;border-radius:12px;background:#fff;font-size:24px}' +
  ':focus-visible{outline:4px solid var(--tp-accent,#0b57d0);outline-offset:3px}';

export const WIDGET_CSS =
  // No grey tap flash: the shadow roots' `all:initial` cut the page's lock-down setting.
  '.w{max-width:none;width:100%;padding:0;border:0;-webkit-tap-highlight-color:#0000}' +
  '.x{display:none}' +
  '.q{margin:0 0 1.2em;text-align:center;font-size:1.5em}' +
  '.r{gap:2.5vmin;flex-wrap:nowrap}' +
  '.o,.c,.b{min-height:64px;border-width:3px;border-radius:32px}' +
  '.o{justify-content:center;gap:.4em;padding:.8em .3em;border-color:#d0d0ca;background:#fff}' +
  'svg.e{width:clamp(64px,13vmin,150px);height:auto}' +
  '.l{font-size:1em;font-weight:600;color:inherit}' +
  '.o[aria-checked=true]{outline:4px solid var(--a);outline-offset:2px}' +
  // The thank-you: one calm line, the same for every answer.
  '[role=status]{font-size:2em;font-weight:600;text-align:center}' +
  '.cs{justify-content:center;gap:16px}' +
  '.c{padding:0 28px;background:#fff}' +
  '.m{text-align:center}' +
  'textarea{max-width:800px;margin:8px auto 0;padding:12px 16px;border:3px solid #767676;border-radius:16px}' +
  '.b{display:block;margin:24px auto 0;padding:0 56px}';

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
