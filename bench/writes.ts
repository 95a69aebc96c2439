/**
 * The write-path scenario of `npm run bench`: one INSERT of 200 images against an endpoint that admits
 * 100 calls a second, each request answering IN_PROGRESS to two status polls and settling on the third
 * (4 calls per resource). The ideal is the 800 calls at the endpoint's rate limit.
 */
import { performance } from 'node:perf_hooks';
import { open } from '../src/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { LATENCY_MS, type BenchResult } from './scenarios.js';

const ROLE = 'arn:aws:iam::123456789012:role/bench';
const CREATES = 200;
const POLLS = 3;
const RATE_LIMIT = 100;

export async function writeScenarios(): Promise<BenchResult[]> {
  const emulator = await startEmulator({ port: 0, latencyMs: LATENCY_MS, asyncPolls: POLLS - 1, rateLimit: RATE_LIMIT });
  const db = await open({
    region: 'us-east-1',
    endpointUrl: emulator.url,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  try {
    const rows = Array.from({ length: CREATES }, (_, i) => `('flush-${i}', '${ROLE}')`).join(', ');
    const started = performance.now();
    await db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ${rows}`);
    const wallMs = performance.now() - started;
    const throttled = emulator.calls.filter((c) => /Throttl/.test(c.error ?? '')).length;
    const calls = emulator.calls.length - throttled;
    const minCalls = CREATES * (1 + POLLS);
    const idealMs = ((minCalls - RATE_LIMIT) / RATE_LIMIT) * 1000 + LATENCY_MS;
    return [
      {
        name: `flush of ${CREATES} creates (${POLLS} status polls each)`,
        calls,
        minCalls,
        wallMs: Math.round(wallMs),
        idealMs: Math.round(idealMs),
        ratio: Number((wallMs / idealMs).toFixed(2)),
        target: 1.3,
        throttled: Number((throttled / (calls + throttled)).toFixed(3)),
        note: `rate limit ${RATE_LIMIT}/s`,
      },
    ];
  } finally {
    await db.close();
    await emulator.close();
  }
}
