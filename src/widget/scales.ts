/**
 * Rating scales: the points a survey offers, their glyphs and which labels name them. Numeric
 * scales (NPS, CES) name points by number, the two ends with their end labels.
 * The raw score is always sent with its scale (`survey_type`, `scale_min`, `scale_max`).
 */

/** Survey types as sent in `survey_type`. */
export const SURVEY_TYPES = ['csat', 'nps', 'ces', 'emoji', 'stars', 'thumbs', 'smiley'] as const;
/** A survey type (`survey_type` on the wire). */
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** A built-in scale name. */
export type ScaleName = 'emoji5' | 'emoji3' | 'thumbs' | 'stars' | 'nps' | 'ces' | 'smiley4';

/** One built-in scale. */
export interface Scale {
  /** Lowest score. */
  min: number;
  /** Highest score. */
  max: number;
  /** Default `survey_type`. */
  type: SurveyType;
  /**
   * Glyphs, one code point per point (hidden from screen readers); empty for numeric scales,
   * which show the number.
   */
  glyphs: string;
  /** Indices into the five-point labels, for scales with fewer points (all five when absent). */
  pick?: readonly number[];
}

/** The built-in scales, by name. */
export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  emoji5: { min: 1, max: 5, type: 'emoji', glyphs: '😡🙁😐🙂😍' },
  emoji3: { min: 1, max: 3, type: 'emoji', glyphs: '🙁😐🙂', pick: [1, 2, 3] },
  thumbs: { min: 0, max: 1, type: 'thumbs', glyphs: '👎👍', pick: [1, 3] },
  stars: { min: 1, max: 5, type: 'stars', glyphs: '★★★★★' },
  nps: { min: 0, max: 10, type: 'nps', glyphs: '' },
  ces: { min: 1, max: 7, type: 'ces', glyphs: '' },
  // Kiosk terminals: four faces, no neutral one, so every customer leans one way.
  smiley4: { min: 1, max: 4, type: 'smiley', glyphs: '😠🙁🙂😄', pick: [0, 1, 3, 4] },
};

/** Names of the built-in scales. */
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];
