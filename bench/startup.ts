/**
 * Start-up of the command: `ccsql "select 1"` against `node -e 0`, each the median of several runs,
 * with no region and no credentials in the environment.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchResult } from './scenarios.js';

const RUNS = 21;
const BIN = join(import.meta.dirname, '..', 'bin', 'ccsql.js');

/**
 * The median of `RUNS` runs of each command, the two taken in turn so that a change in the machine's
 * load falls on both alike (a busy shared machine moves either by tens of milliseconds).
 */
function medians(commands: readonly string[][]): { ms: number; ok: boolean }[] {
  const env = { PATH: process.env.PATH ?? '', HOME: '/nonexistent' };
  const times = commands.map(() => [] as number[]);
  const ok = commands.map(() => true);
  for (let i = 0; i < RUNS; i += 1) {
    commands.forEach((command, c) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, command, { env, encoding: 'utf8' });
      times[c]!.push(performance.now() - started);
      ok[c] &&= run.status === 0;
    });
  }
  return times.map((t, c) => {
    t.sort((a, b) => a - b);
    return { ms: t[Math.floor(RUNS / 2)]!, ok: ok[c]! };
  });
}

export function startupScenario(): BenchResult {
  const [node, ccsql] = medians([['-e', '0'], [BIN, 'select 1']]);
  return {
    name: 'start-up: ccsql "select 1" vs node -e 0',
    calls: 0, minCalls: 0,
    wallMs: Math.round(ccsql!.ms), idealMs: Math.round(node!.ms),
    ratio: ccsql!.ok ? Number((ccsql!.ms / node!.ms).toFixed(2)) : Infinity,
    target: 2,
    note: ccsql!.ok ? `median of ${RUNS}, taken in turn with node -e 0; no region or credentials` : 'ccsql failed without a region or credentials',
  };
}
