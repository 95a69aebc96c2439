/** Concurrency shown by the endpoint's event order, under a latency the test controls (faults/gate.ts). */
import type { Gate } from '../../src/emulator/index.js';

/**
 * Opens `gate` once `count` calls are held at it together, then returns what `work` settles to.
 * Work that settles first sent fewer calls at once: that fails here. A client sending one call at a
 * time never gets there and its test ends at its time limit (give such tests a `timeout`).
 */
export async function openWhenHeld<T>(gate: Gate, count: number, work: Promise<T>): Promise<T> {
  const early = work.then(
    () => Promise.reject(new Error(`the work ended with ${gate.waiting} calls held, never ${count} at once`)),
    (error: unknown) => Promise.reject(error),
  );
  try {
    await Promise.race([gate.reached(count), early]);
  } finally {
    gate.open();
  }
  return work;
}

/** A test's time limit when it waits for a gate to fill: long enough for a loaded machine. */
export const GATE_TIMEOUT = { timeout: 120_000 };
