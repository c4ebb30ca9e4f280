import { escapeHtml } from './escapeHtml';

/** Colour of an emotion 0–100: red (low) through amber to green (high). */
export const emotionColour = (emotion: number | null): string =>
  emotion === null ? '#9aa0a6' : `hsl(${Math.round(Math.max(0, Math.min(100, emotion)) * 1.2)}, 65%, 42%)`;

const FACES: Record<number, string[]> = {
  2: ['👎', '👍'],
  3: ['🙁', '😐', '🙂'],
  4: ['😠', '🙁', '🙂', '😄'],
  5: ['😠', '🙁', '😐', '🙂', '😄'],
};

/** A darker shade of {@link emotionColour} for text: at least 4.5:1 contrast on white for every hue. */
export const emotionTextColour = (emotion: number | null): string =>
  emotion === null ? '#5f6368' : `hsl(${Math.round(Math.max(0, Math.min(100, emotion)) * 1.2)}, 70%, 25%)`;

/** The label of one scale point: a face for 2–5 point emoji scales, stars for stars, else the number. */
export const pointLabel = (score: number, min: number, max: number, surveyType: string): string => {
  const points = max - min + 1;
  if (surveyType === 'stars') return `${score}★`;
  const faces = Number.isInteger(min) && Number.isInteger(max) && surveyType !== 'nps' && surveyType !== 'ces' ? FACES[points] : undefined;
  return faces?.[score - min] ?? String(score);
};

/**
 * An emoji histogram: one bar per scale point, coloured from unhappy to happy, the count above
 * and the face below. `label` is read by screen readers (the SVG is one image).
 */
export const histogram = (bins: { label: string; count: number; emotion: number }[], label: string): string => {
  const w = 260;
  const h = 96;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const slot = w / Math.max(1, bins.length);
  const bar = Math.min(34, slot * 0.7);
  const bars = bins
    .map((b, i) => {
      const x = i * slot + (slot - bar) / 2;
      const bh = Math.round((b.count / max) * 56);
      const y = 70 - bh;
      return `<rect x="${x.toFixed(1)}" y="${y}" width="${bar.toFixed(1)}" height="${Math.max(bh, 1)}" rx="3" fill="${emotionColour(b.emotion)}"/>` +
        `<text x="${(x + bar / 2).toFixed(1)}" y="${y - 3}" font-size="11" text-anchor="middle" fill="#333">${b.count}</text>` +
        `<text x="${(x + bar / 2).toFixed(1)}" y="90" font-size="${bins.length > 7 ? 10 : 16}" text-anchor="middle">${escapeHtml(b.label)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${bars}</svg>`;
};

/** Horizontal bars (the funnel): label, value and an optional note per row. */
export const hbars = (rows: { label: string; value: number; note?: string }[], label: string): string => {
  const w = 320;
  const rowH = 30;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      const bw = Math.max(2, Math.round((r.value / max) * 200));
      return `<text x="0" y="${y + 12}" font-size="11" fill="#333">${escapeHtml(r.label)}</text>` +
        `<rect x="0" y="${y + 16}" width="${bw}" height="10" rx="2" fill="#3b6fd8"/>` +
        `<text x="${bw + 6}" y="${y + 25}" font-size="11" fill="#333">${r.value}${r.note ? ` · ${escapeHtml(r.note)}` : ''}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${w} ${rows.length * rowH}" width="100%" style="max-width:${w * 1.5}px" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${body}</svg>`;
};

/** Vertical bars by hour of day (0–23): height is the count, colour the mean emotion. */
export const hourBars = (hours: { hour: number; count: number; emotion: number | null }[], label: string): string => {
  const w = 336;
  const max = Math.max(1, ...hours.map((h) => h.count));
  const body = hours
    .map((h) => {
      const x = h.hour * 14;
      const bh = Math.round((h.count / max) * 80);
      return `<rect x="${x + 2}" y="${90 - bh}" width="10" height="${Math.max(bh, h.count ? 2 : 0)}" fill="${emotionColour(h.emotion)}"><title>${h.hour}:00 · ${h.count}${h.emotion === null ? '' : ` · ${h.emotion}`}</title></rect>` +
        (h.hour % 3 === 0 ? `<text x="${x + 7}" y="104" font-size="9" text-anchor="middle" fill="#555">${h.hour}</text>` : '');
    })
    .join('');
  return `<svg viewBox="0 0 ${w} 108" width="100%" style="max-width:${w * 2}px" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title><line x1="0" y1="90" x2="${w}" y2="90" stroke="#ccc"/>${body}</svg>`;
};
