// Deterministic randomness (mulberry32) for the seed, the benchmarks and test traffic: the same
// seed gives the same shop, so runs and their figures can be compared.

/** A random number generator in [0, 1) that replays the same sequence for the same seed. */
export const seededRandom = (seed) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
