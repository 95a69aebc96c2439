/**
 * Seeded randomness for tests: generated names and ids repeat from run to run, and a test that draws
 * at random says which seed it drew, so a failure is replayed with CCSQL_TEST_SEED=<seed>.
 */
import { drawSeed } from '../../src/emulator/random.js';

export { seededRandom } from '../../src/emulator/random.js';

export const SEED_VARIABLE = 'CCSQL_TEST_SEED';

/** The seed to replay (CCSQL_TEST_SEED), if one is set. */
export function replayedSeed(): number | undefined {
  const text = process.env[SEED_VARIABLE];
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`${SEED_VARIABLE} must be a whole number, not "${text}".`);
  return seed;
}

/** CCSQL_TEST_SEED when set, else a fresh seed; printed in the test's output either way. */
export function testSeed(t: { diagnostic(message: string): void }): number {
  const seed = replayedSeed() ?? drawSeed();
  t.diagnostic(seedNote(seed));
  return seed;
}

/** `seed 42 (replay: CCSQL_TEST_SEED=42)`, for output and assertion messages. */
export function seedNote(seed: number | undefined): string {
  return `seed ${String(seed)} (replay: ${SEED_VARIABLE}=${String(seed)})`;
}
