/**
 * The endpoint's random draws (random throttling, generated identifiers) come from a seeded source,
 * so a run that met a fault can be run again with the same draws: pass the seed it reported.
 */
import { randomInt } from 'node:crypto';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same draws. */
export function seededRandom(seed = 1): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a run given none, drawn from the system's randomness. */
export function drawSeed(): number {
  return randomInt(2 ** 31);
}
