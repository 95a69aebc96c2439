/**
 * Start-up of the command: `ccsql "select 1"` against `node -e 0`, each the median of several runs,
 * with no region and no credentials in the environment.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchResult } from './scenarios.js';

const RUNS = 7;
const BIN = join(import.meta.dirname, '..', 'bin', 'ccsql.js');

function median(command: string[]): { ms: number; ok: boolean } {
  const env = { PATH: process.env.PATH ?? '', HOME: '/nonexistent' };
  const times: number[] = [];
  let ok = true;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const run = spawnSync(process.execPath, command, { env, encoding: 'utf8' });
    times.push(performance.now() - started);
    ok &&= run.status === 0;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, ok };
}

export function startupScenario(): BenchResult {
  const node = median(['-e', '0']);
  const ccsql = median([BIN, 'select 1']);
  return {
    name: 'start-up: ccsql "select 1" vs node -e 0',
    calls: 0, minCalls: 0,
    wallMs: Math.round(ccsql.ms), idealMs: Math.round(node.ms),
    ratio: ccsql.ok ? Number((ccsql.ms / node.ms).toFixed(2)) : Infinity,
    target: 2,
    note: ccsql.ok ? `median of ${RUNS}, no region or credentials` : 'ccsql failed without a region or credentials',
  };
}
