/**
 * `npm run bench`: measures ccsql against the local endpoint with injected latency and prints, for
 * each scenario, the calls made against the minimum and the wall time against the ideal. Results are
 * also written to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenarios, type BenchResult, type Bounds } from './scenarios.js';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND } from '../src/cloud/index.js';

const bounds: Bounds = {
  latencyMs: Number(process.env.CCSQL_BENCH_LATENCY_MS ?? 50),
  concurrency: DEFAULT_CONCURRENCY,
  ratePerSecond: DEFAULT_RATE_PER_SECOND,
};

const extra: (() => Promise<BenchResult[]>)[] = [];
try {
  const writes = (await import('./writes.js')) as { writeScenarios?: (b: Bounds) => Promise<BenchResult[]> };
  if (writes.writeScenarios) extra.push(() => writes.writeScenarios!(bounds));
} catch (error) {
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

const results = [...(await readScenarios(bounds))];
for (const more of extra) results.push(...(await more()));

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`latency ${bounds.latencyMs} ms, concurrency ${bounds.concurrency}, rate ${bounds.ratePerSecond}/s`);
console.log(`${pad('scenario', 48)}${pad('calls/min', 12)}${pad('wall ms', 10)}${pad('ideal ms', 10)}${pad('ratio', 8)}${pad('target', 8)}ok`);
for (const r of results) {
  const ok = r.calls === r.minCalls && r.ratio <= r.target;
  console.log(`${pad(r.name, 48)}${pad(`${r.calls}/${r.minCalls}`, 12)}${pad(r.wallMs, 10)}${pad(r.idealMs, 10)}${pad(r.ratio, 8)}${pad(`≤${r.target}`, 8)}${ok ? 'yes' : 'NO'}${r.note ? `  (${r.note})` : ''}`);
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), bounds, results }, null, 2) + '\n');
console.log(`written to ${out}`);
