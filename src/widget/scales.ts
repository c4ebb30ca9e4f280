/**
 * Rating scales: the points a survey offers, how they look and which labels name them. Numeric
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
  /** How a point looks: a face (`face.ts`), a star, or its number (NPS, CES). */
  look: 'faces' | 'stars' | 'numbers';
  /** Indices into the five moods and five-point labels, for scales with fewer points (all five when absent). */
  pick?: readonly number[];
}

/** The built-in scales, by name. */
export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  emoji5: { min: 1, max: 5, type: 'emoji', look: 'faces' },
  emoji3: { min: 1, max: 3, type: 'emoji', look: 'faces', pick: [1, 2, 3] },
  // Two points: the bad and good faces (a thumb's meaning varies between cultures; a face's less).
  thumbs: { min: 0, max: 1, type: 'thumbs', look: 'faces', pick: [1, 3] },
  stars: { min: 1, max: 5, type: 'stars', look: 'stars' },
  nps: { min: 0, max: 10, type: 'nps', look: 'numbers' },
  ces: { min: 1, max: 7, type: 'ces', look: 'numbers' },
  // Kiosk terminals: four faces, no neutral one, so every customer leans one way.
  smiley4: { min: 1, max: 4, type: 'smiley', look: 'faces', pick: [0, 1, 3, 4] },
};

/** Names of the built-in scales. */
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];
