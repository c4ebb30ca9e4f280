import { escapeHtml as e } from './escapeHtml';
import type { Estimate } from './stats';

/** One column of the curve: a touchpoint of a stage, with the emotion of each line there. */
export interface CurveColumn {
  stage: string;
  touchpoint: string;
  /** Shown name of the touchpoint. */
  label: string;
  /** Emotion (0–100) of web ratings (web, app) here, or null. */
  web: Estimate | null;
  /** Emotion of in-store ratings (kiosk, store) here, or null. */
  store: Estimate | null;
  /** A low point of the journey (beyond noise). */
  low: boolean;
}

/** Words the curve needs, in the report's language. */
export interface CurveWords {
  title: string;
  web: string;
  store: string;
  lowPoint: string;
  directional: string;
  stage: string;
  touchpoint: string;
  emotion: string;
  table: string;
  stageLabel: (stage: string) => string;
  /** Formats a number in the report's locale. */
  n: (x: number) => string;
}

const SLOT = 78;
const LEFT = 34;
const TOP = 34;
const PLOT = 150;
const LINES = [
  // Two cues besides colour: solid circles for web, dashed squares for the store.
  { key: 'web', colour: '#1d4ed8', dash: '', shape: 'circle' },
  { key: 'store', colour: '#b45309', dash: '6 4', shape: 'square' },
] as const;

const yOf = (emotion: number) => TOP + PLOT - (Math.max(0, Math.min(100, emotion)) / 100) * PLOT;

/** Words of a label on at most two lines of about 11 characters, so it fits under its point. */
const wrap = (label: string): string[] => {
  const words = label.split(/\s+/);
  const lines: string[] = [''];
  for (const w of words) {
    const last = lines[lines.length - 1]!;
    if (last && (last + ' ' + w).length > 11 && lines.length < 2) lines.push(w);
    else lines[lines.length - 1] = last ? `${last} ${w}` : w;
  }
  return lines.map((l) => (l.length > 14 ? `${l.slice(0, 13)}…` : l));
};

const marker = (shape: 'circle' | 'square', x: number, y: number, colour: string, hollow: boolean) =>
  shape === 'circle'
    ? `<circle cx="${x}" cy="${y.toFixed(1)}" r="5" fill="${hollow ? '#fff' : colour}" stroke="${colour}" stroke-width="2"/>`
    : `<rect x="${x - 5}" y="${(y - 5).toFixed(1)}" width="10" height="10" fill="${hollow ? '#fff' : colour}" stroke="${colour}" stroke-width="2"/>`;

/**
 * The emotional journey as an inline SVG: one column per touchpoint, grouped under its stage,
 * emotion 0–100 upwards; web and store as two lines (colour, dash and marker shape differ), each
 * point with its 95 % interval, hollow when directional, low points ringed in red with a ▼. The
 * SVG keeps its natural width (labels stay readable on a phone) inside a scrollable region; a
 * table with the same figures follows for screen readers and for reading exact values.
 */
export const renderCurve = (columns: readonly CurveColumn[], w: CurveWords): string => {
  if (!columns.length) return '';
  const width = LEFT + columns.length * SLOT + 8;
  const height = TOP + PLOT + 44;
  const xOf = (i: number) => LEFT + i * SLOT + SLOT / 2;
  const parts: string[] = [];
  // Stage bands with their names.
  let start = 0;
  let band = 0;
  columns.forEach((c, i) => {
    if (i + 1 < columns.length && columns[i + 1]!.stage === c.stage) return;
    const x = LEFT + start * SLOT;
    const bandWidth = (i - start + 1) * SLOT;
    parts.push(`<rect x="${x}" y="4" width="${bandWidth}" height="${TOP + PLOT - 4}" fill="${band++ % 2 ? '#f1f4fa' : '#e6ebf5'}"/>`);
    // The name fits its band (about 7 px a character); the table below has it in full.
    const name = w.stageLabel(c.stage);
    const fits = Math.max(3, Math.floor((bandWidth - 8) / 7));
    parts.push(`<text x="${x + 4}" y="18" font-size="12" font-weight="600" fill="#1d1d1f">${e(name.length > fits ? `${name.slice(0, fits - 1)}…` : name)}</text>`);
    start = i + 1;
  });
  // Emotion grid.
  for (const v of [0, 50, 100]) {
    parts.push(`<line x1="${LEFT}" y1="${yOf(v)}" x2="${width - 8}" y2="${yOf(v)}" stroke="#c4cad6" stroke-dasharray="${v === 50 ? '3 3' : ''}"/>`);
    parts.push(`<text x="${LEFT - 4}" y="${yOf(v) + 4}" font-size="11" text-anchor="end" fill="#444">${v}</text>`);
  }
  for (const line of LINES) {
    const points = columns.flatMap((c, i) => (c[line.key] ? [{ i, est: c[line.key]!, low: c.low }] : []));
    if (points.length > 1) {
      const d = points.map((p, k) => `${k ? 'L' : 'M'}${xOf(p.i) + (line.key === 'store' ? 6 : -6)} ${yOf(p.est.value).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${line.colour}" stroke-width="2.5" stroke-dasharray="${line.dash}"/>`);
    }
    for (const p of points) {
      const x = xOf(p.i) + (line.key === 'store' ? 6 : -6);
      parts.push(`<line x1="${x}" y1="${yOf(p.est.low).toFixed(1)}" x2="${x}" y2="${yOf(p.est.high).toFixed(1)}" stroke="${line.colour}" stroke-opacity=".45" stroke-width="2"/>`);
      parts.push(marker(line.shape, x, yOf(p.est.value), line.colour, p.est.directional));
    }
  }
  columns.forEach((c, i) => {
    if (c.low) {
      const lowest = Math.min(...[c.web, c.store].filter((x): x is Estimate => !!x).map((x) => x.value));
      parts.push(`<circle cx="${xOf(i)}" cy="${yOf(lowest).toFixed(1)}" r="13" fill="none" stroke="#c5221f" stroke-width="2.5"/>`);
      parts.push(`<text x="${xOf(i)}" y="${(yOf(lowest) + 30).toFixed(1)}" font-size="14" text-anchor="middle" fill="#c5221f">▼</text>`);
    }
    wrap(c.label).forEach((l, k) => parts.push(`<text x="${xOf(i)}" y="${TOP + PLOT + 16 + k * 14}" font-size="12" text-anchor="middle" fill="#1d1d1f">${e(l)}</text>`));
  });
  const value = (x: Estimate | null) => (x ? `${w.n(x.value)} (${w.n(x.low)}–${w.n(x.high)}, n=${x.n}${x.directional ? `, ${w.directional}` : ''})` : '–');
  const lows = columns.filter((c) => c.low).map((c) => c.label);
  const summary = `${w.title}. ${lows.length ? `${w.lowPoint}: ${lows.join(', ')}.` : ''}`;
  const legend = LINES.map((l) => `<span class="legend"><svg width="34" height="12" aria-hidden="true"><line x1="0" y1="6" x2="34" y2="6" stroke="${l.colour}" stroke-width="2.5" stroke-dasharray="${l.dash}"/></svg> ${e(w[l.key])}</span>`).join(' ');
  return `<div class="scroll" tabindex="0" role="region" aria-label="${e(w.title)}"><svg class="curve" viewBox="0 0 ${width} ${height}" style="width:100%;min-width:${width}px;max-width:${Math.max(width, 900)}px" role="img" aria-label="${e(summary)}"><title>${e(summary)}</title>${parts.join('')}</svg></div>
<p class="muted">${legend} · <span class="legend">○ ${e(w.directional)}</span> · <span class="legend" style="color:#c5221f">▼ ${e(w.lowPoint)}</span></p>
<details><summary>${e(w.table)}</summary><div class="scroll" tabindex="0" role="region" aria-label="${e(w.table)}"><table><thead><tr><th>${e(w.stage)}</th><th>${e(w.touchpoint)}</th><th>${e(w.web)}</th><th>${e(w.store)}</th></tr></thead><tbody>${columns
    .map((c) => `<tr><td>${e(w.stageLabel(c.stage))}</td><td>${e(c.label)}${c.low ? ` <span class="badge bad">${e(w.lowPoint)}</span>` : ''}</td><td>${e(value(c.web))}</td><td>${e(value(c.store))}</td></tr>`)
    .join('')}</tbody></table></div></details>`;
};
