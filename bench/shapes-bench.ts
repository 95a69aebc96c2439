/**
 * The statement shapes of bench/shapes.ts at the endpoint's latency: for each, the calls ccsql makes
 * beside the fewest that answer it (worked out by hand), and its wall time beside its critical path.
 *
 * The critical path is the longest chain of calls that each wait for another's answer: the pages of
 * one listing one after another, a GetResource after the page that named it, a child's listing after
 * the read that gave its key, a status poll after its write, a call in an account after its
 * AssumeRole. Everything else can overlap, so the ideal wall time is that chain's length × the endpoint
 * latency. A ratio well above 1 says ccsql waits where it need not (a round that could have started
 * earlier); the calls column says where it calls more than it must.
 */
import { startEmulator } from '../src/emulator/index.js';
import { SHAPES } from './shapes.js';
import { runShape, shapesEndpoint } from './shapes-run.js';
import { LATENCY_MS } from './scenarios.js';

export interface ShapeResult {
  readonly name: string;
  readonly sql: string;
  readonly calls: number;
  readonly minCalls: number;
  /** The calls bench/shapes.ts records (and test/bench-shapes.test.ts asserts); differs from `calls` only on a change not recorded there. */
  readonly recordedCalls: number;
  readonly rounds: number;
  readonly criticalPath: number;
  readonly wallMs: number;
  readonly idealMs: number;
  readonly ratio: number | null;
  readonly gap?: string;
}

export async function shapeScenarios(): Promise<ShapeResult[]> {
  const emulator = await startEmulator(shapesEndpoint(LATENCY_MS));
  const out: ShapeResult[] = [];
  try {
    // In the table's order: the writes come last, as they change the estate.
    for (const shape of SHAPES) {
      const run = await runShape(emulator, shape);
      const idealMs = shape.path * LATENCY_MS;
      out.push({
        name: shape.name, sql: shape.sql, calls: run.calls.length, minCalls: shape.min, recordedCalls: shape.calls, rounds: run.rounds,
        criticalPath: shape.path, wallMs: Math.round(run.wallMs), idealMs, ratio: idealMs > 0 ? Number((run.wallMs / idealMs).toFixed(2)) : null,
        ...(shape.gap ? { gap: shape.gap } : {}),
      });
    }
  } finally {
    await emulator.close();
  }
  return out;
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

/** The table `npm run bench` prints: a gap (calls above the minimum) is marked, never hidden. */
export function printShapes(results: readonly ShapeResult[]): void {
  console.log(`\nstatement shapes (critical path × ${LATENCY_MS} ms = ideal; * calls above the minimum)`);
  console.log(`${pad('shape', 40)}${pad('calls/min', 11)}${pad('rounds', 8)}${pad('path', 6)}${pad('ccsql', 10)}${pad('ideal', 9)}ratio`);
  for (const r of results) {
    const mark = r.calls > r.minCalls ? '*' : ' ';
    const drift = r.calls !== r.recordedCalls ? `  (bench/shapes.ts records ${r.recordedCalls})` : '';
    const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
    console.log(`${pad(r.name, 40)}${pad(`${r.calls}/${r.minCalls}${mark}`, 11)}${pad(r.rounds, 8)}${pad(r.criticalPath, 6)}${pad(ms(r.wallMs), 10)}${pad(ms(r.idealMs), 9)}${r.ratio ?? '—'}${drift}`);
  }
  for (const r of results.filter((x) => x.gap)) console.log(`* ${r.name}: ${r.gap}`);
}
