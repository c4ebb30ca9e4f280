/** A random number generator in [0, 1) that replays the same sequence for the same seed. */
export declare const seededRandom: (seed: number) => () => number;
