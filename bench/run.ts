/**
 * `npm run bench`: ccsql against the local endpoint at its own latency and rate limits, beside a naive
 * Promise.all of SDK calls and a sequential SDK loop in the same run. Prints each scenario's calls
 * against the minimum and its wall time against the ideal the endpoint allows, and writes the figures
 * to bench/results/latest.json; then the table of statement shapes (bench/shapes.ts): each shape's
 * calls against the fewest that answer it and its wall time against its critical path. The CPU row
 * (cpu.ts) is the exception: its times are this process's CPU time for ccsql and for a bare SDK loop
 * making the same calls, and its ratio is one to the other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountScenarios } from './accounts.js';
import { cpuScenario } from './cpu.js';
import { LATENCY_MS, readScenarios, type BenchResult } from './scenarios.js';
import { printShapes, shapeScenarios } from './shapes-bench.js';
import { startupScenario } from './startup.js';
import { writeScenarios } from './writes.js';

const results: BenchResult[] = [startupScenario(), ...(await readScenarios()), ...(await accountScenarios()), ...(await writeScenarios()), await cpuScenario()];
const shapes = await shapeScenarios();

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
console.log(`endpoint latency ${LATENCY_MS} ms; ${machine}`);
console.log(`${pad('scenario', 44)}${pad('calls/min', 12)}${pad('ccsql', 10)}${pad('ideal', 10)}${pad('ratio', 7)}${pad('≤', 6)}${pad('thr.', 7)}${pad('Promise.all', 22)}${pad('sequential', 12)}ok`);
for (const r of results) {
  const ok = r.calls === r.minCalls && r.ratio <= r.target && (r.throttled ?? 0) <= 0.05 && (!r.relative || r.relative.ratio <= r.relative.target);
  const naive = r.naive ? `${seconds(r.naive.wallMs)}${r.naive.failed ? ` (${r.naive.failed} failed)` : ''}` : '—';
  const throttled = r.throttled === undefined ? '—' : `${(r.throttled * 100).toFixed(1)}%`;
  console.log(
    `${pad(r.name, 44)}${pad(`${r.calls}/${r.minCalls}`, 12)}${pad(seconds(r.wallMs), 10)}${pad(seconds(r.idealMs), 10)}${pad(r.ratio, 7)}${pad(r.target.toFixed(2), 6)}${pad(throttled, 7)}${pad(naive, 22)}${pad(seconds(r.sequentialMs), 12)}${ok ? 'yes' : 'NO'}${r.note ? `  (${r.note})` : ''}`,
  );
}
printShapes(shapes);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), latencyMs: LATENCY_MS, machine, results, shapes }, null, 2) + '\n');
console.log(`written to ${out}`);
