/**
 * The faces of the face scales, drawn as inline SVG so they look the same on every device (emoji
 * fonts draw them differently, and a monochrome emoji font can win the font fallback). Five moods,
 * worst first; the 2-, 3- and 4-point scales pick from them like their labels do. Colour is never
 * the only cue: every mood has its own mouth, the worst also frowning brows, the best an open
 * smile. Colours come from `--tp-face-1` … `--tp-face-5` (see docs/WIDGET.md); forced-colours mode
 * draws them in system colours (styles.ts). The face is `aria-hidden`: the point's text label names it.
 */
const NS = 'http://www.w3.org/2000/svg';

/** Mouth of each mood (viewBox 0 0 48 48): deep frown, frown, straight, smile, open smile. */
const MOUTHS = ['M14 36q10-11 20 0', 'M15 34q9-6 18 0', 'M15 32h18', 'M15 29q9 7 18 0', 'M13 27h22q-11 16-22 0z'];

const el = (tag: string, attrs: Record<string, string>): SVGElement => {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]!);
  return e;
};

/** The face of mood `m` (0 worst … 4 best), sized by CSS (`.e` in styles.ts). */
export const face = (m: number): SVGElement => {
  const svg = el('svg', { viewBox: '0 0 48 48', class: `e m${m}`, 'aria-hidden': 'true', focusable: 'false' });
  svg.append(
    el('circle', { cx: '24', cy: '24', r: '22', class: 'fc' }),
    el('circle', { cx: '17', cy: '19', r: '3' }),
    el('circle', { cx: '31', cy: '19', r: '3' }),
    el('path', { d: MOUTHS[m]! + (m ? '' : 'M11 10l9 4M37 10l-9 4'), class: 'ft' }),
  );
  return svg;
};
