/**
 * Rating scales: the points a survey offers, their glyphs and where their text labels come from.
 * The raw score is always sent with its scale (`survey_type`, `scale_min`, `scale_max`).
 */

/** Survey types as sent in `survey_type`. */
export const SURVEY_TYPES = ['csat', 'nps', 'ces', 'emoji', 'stars', 'thumbs', 'smiley'] as const;
/** A survey type (`survey_type` on the wire). */
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** Names of the built-in scales. */
export const SCALE_NAMES = ['emoji5', 'emoji3', 'thumbs', 'stars', 'nps', 'ces', 'smiley4'] as const;
/** A built-in scale name. */
export type ScaleName = (typeof SCALE_NAMES)[number];

/** One built-in scale. */
export interface Scale {
  /** Lowest score. */
  min: number;
  /** Highest score. */
  max: number;
  /** Default `survey_type`. */
  type: SurveyType;
  /** Glyph per point (hidden from screen readers); empty for numeric scales, which show the number. */
  glyphs: readonly string[];
  /**
   * Which built-in label list names the points: `5` picks from the five-point labels (by the
   * indices in `pick`), `7` is the CES agreement list, `0` means numbers with end labels (NPS).
   */
  labels: 0 | 5 | 7;
  /** Indices into the five-point labels, for scales with fewer points. */
  pick?: readonly number[];
  /** Labels are shown under the glyph (emoji); otherwise they are for screen readers only. */
  visible?: boolean;
}

const star = '★';
/** The built-in scales, by name. */
export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  emoji5: { min: 1, max: 5, type: 'emoji', glyphs: ['😡', '🙁', '😐', '🙂', '😍'], labels: 5, visible: true },
  emoji3: { min: 1, max: 3, type: 'emoji', glyphs: ['🙁', '😐', '🙂'], labels: 5, pick: [1, 2, 3], visible: true },
  thumbs: { min: 0, max: 1, type: 'thumbs', glyphs: ['👎', '👍'], labels: 5, pick: [1, 3], visible: true },
  stars: { min: 1, max: 5, type: 'stars', glyphs: [star, star, star, star, star], labels: 5 },
  nps: { min: 0, max: 10, type: 'nps', glyphs: [], labels: 0 },
  ces: { min: 1, max: 7, type: 'ces', glyphs: [], labels: 7 },
  // Kiosk terminals: four faces, no neutral one, so every customer leans one way.
  smiley4: { min: 1, max: 4, type: 'smiley', glyphs: ['😠', '🙁', '🙂', '😄'], labels: 5, pick: [0, 1, 3, 4], visible: true },
};
