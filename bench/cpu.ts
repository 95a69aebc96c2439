/**
 * CPU per call: one machine's ceiling is its CPU, not the endpoint's latency. The endpoint runs in
 * another process with no latency and no rate limit, so this process's CPU time (process.cpuUsage,
 * user + system, which the endpoint's work does not count in) is all client work: ccsql reading 5,000
 * log groups (200 list pages, 5,000 GetResource) against a bare SDK loop making the same calls with
 * the same client settings and concurrency. CPU time rather than wall time: the machine is shared,
 * and others' load stretches wall time but not this process's CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { CloudControlClient, GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { open } from '../src/index.js';
import { DEFAULT_CONCURRENCY } from '../src/cloud/options.js';
import type { BenchResult } from './scenarios.js';

const GROUPS = Number(process.env.CCSQL_BENCH_CPU_GROUPS ?? 5000);
const ROUNDS = Number(process.env.CCSQL_BENCH_CPU_ROUNDS ?? 5);
const PAGE = 25;
const TYPE = 'AWS::Logs::LogGroup';
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };
const SQL = `SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups WHERE region = '${REGION}'`;
/** The target: ccsql's CPU per call at most this many times the bare SDK loop's. */
const TARGET = 1.1;

/** Starts `ccsql emulator` in a child process (test/support/run-emulator.ts) and reads its URL. */
async function startChild(seedFile: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('../test/support/run-emulator.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify({ port: 0, seed: seedFile, listPageSize: PAGE })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The emulator exited with ${String(code)} before printing its URL.`)));
  });
  return { url, child };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** What a person writes with the SDK alone: every page in turn, gets started as ids arrive, `concurrency` in flight. */
export async function bareSdk(cc: CloudControlClient, concurrency: number): Promise<number> {
  const ids: string[] = [];
  let listed = false;
  let next = 0;
  let calls = 0;
  // Workers with nothing to do wait for the next page rather than poll (polling would cost CPU).
  let wake: () => void = () => {};
  let more = new Promise<void>((r) => (wake = r));
  const worker = async (): Promise<void> => {
    for (;;) {
      while (next >= ids.length) {
        if (listed) return;
        await more;
      }
      const Identifier = ids[next++]!;
      const answer = await cc.send(new GetResourceCommand({ TypeName: TYPE, Identifier }));
      calls += 1;
      JSON.parse(answer.ResourceDescription?.Properties ?? '{}');
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  let NextToken: string | undefined;
  do {
    const page = await cc.send(new ListResourcesCommand({ TypeName: TYPE, MaxResults: 100, NextToken }));
    calls += 1;
    for (const d of page.ResourceDescriptions ?? []) ids.push(d.Identifier!);
    NextToken = page.NextToken;
    if (!NextToken) listed = true;
    const woken = wake;
    more = new Promise<void>((r) => (wake = r));
    woken();
  } while (NextToken);
  await Promise.all(workers);
  return calls;
}

export async function cpuScenario(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-bench-cpu-'));
  const seedFile = join(dir, 'seed.json');
  const resources = Array.from({ length: GROUPS }, (_, i) => ({ TypeName: TYPE, Region: REGION, Properties: { LogGroupName: `/bench/group-${i}`, RetentionInDays: 30 } }));
  writeFileSync(seedFile, JSON.stringify({ resources }));
  const { url, child } = await startChild(seedFile);
  // Measured without a trace hook (it builds an object per call that a plain query does not).
  const db = await open({ region: REGION, endpointUrl: url, credentials: CREDENTIALS });
  const cc = new CloudControlClient({ region: REGION, endpoint: url, credentials: CREDENTIALS, maxAttempts: 1 });
  const minCalls = Math.ceil(GROUPS / PAGE) + GROUPS;
  try {
    // Warm both paths (module loading, JIT, sockets) before measuring; count ccsql's calls once.
    let ccsqlCalls = 0;
    const counted = await open({ region: REGION, endpointUrl: url, credentials: CREDENTIALS, onCall: () => void (ccsqlCalls += 1) });
    await counted.query(SQL).finally(() => counted.close());
    await db.query(SQL);
    await bareSdk(cc, DEFAULT_CONCURRENCY);
    const ccsqlMs: number[] = [];
    const sdkMs: number[] = [];
    let rows = 0;
    let sdkCalls = 0;
    // Interleaved, each pair in alternating order, so a spell of load on the machine falls on both.
    // Time in garbage collection, a share of the CPU time that grows with what each call allocates and keeps.
    let gcMs = 0;
    const gc = new PerformanceObserver((list) => void (gcMs += list.getEntries().reduce((a, e) => a + e.duration, 0)));
    gc.observe({ entryTypes: ['gc'] });
    const ccsqlGc: number[] = [];
    const sdkGc: number[] = [];
    const runCcsql = async () => {
      const since = process.cpuUsage();
      gcMs = 0;
      rows = (await db.query(SQL)).length;
      ccsqlMs.push(cpuMs(since));
      ccsqlGc.push(gcMs);
    };
    const runSdk = async () => {
      const since = process.cpuUsage();
      gcMs = 0;
      sdkCalls = await bareSdk(cc, DEFAULT_CONCURRENCY);
      sdkMs.push(cpuMs(since));
      sdkGc.push(gcMs);
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) await runCcsql(), await runSdk();
      else await runSdk(), await runCcsql();
    }
    gc.disconnect();
    if (rows !== GROUPS || sdkCalls !== minCalls) throw new Error(`cpu scenario: ${rows} rows and ${sdkCalls} SDK calls, expected ${GROUPS} and ${minCalls}`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratios = ccsqlMs.map((ms, i) => ms / sdkMs[i]!);
    const ccsqlCpu = median(ccsqlMs);
    const sdkCpu = median(sdkMs);
    const ratio = Number(median(ratios).toFixed(2));
    const perCall = (ms: number) => (ms / minCalls).toFixed(3);
    console.log(`cpu: ccsql ${ccsqlMs.map(Math.round).join('/')} ms, SDK ${sdkMs.map(Math.round).join('/')} ms of CPU over ${minCalls} calls; ratios ${ratios.map((r) => r.toFixed(2)).join('/')}; GC ccsql ${ccsqlGc.map(Math.round).join('/')} ms, SDK ${sdkGc.map(Math.round).join('/')} ms`);
    return {
      name: `CPU: ${GROUPS} log groups, list then get`,
      calls: ccsqlCalls,
      minCalls,
      wallMs: Math.round(ccsqlCpu),
      idealMs: Math.round(sdkCpu),
      ratio,
      target: TARGET,
      note: `CPU time against a bare SDK loop: ${perCall(ccsqlCpu)} ms a call against ${perCall(sdkCpu)}; runs ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
    };
  } finally {
    cc.destroy();
    await db.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
