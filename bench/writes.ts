/**
 * The write-path scenario of `npm run bench`: one INSERT of 200 images, each request answering
 * IN_PROGRESS to two status polls and settling on the third (4 calls per resource). The ideal is the
 * 800 calls at the concurrency bound or the rate bound, whichever is slower.
 */
import { performance } from 'node:perf_hooks';
import { open } from '../src/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { fanOutMs, type BenchResult, type Bounds } from './scenarios.js';

const ROLE = 'arn:aws:iam::123456789012:role/bench';
const CREATES = 200;
const POLLS = 3;

export async function writeScenarios(b: Bounds): Promise<BenchResult[]> {
  const emulator = await startEmulator({ port: 0, latencyMs: b.latencyMs, asyncPolls: POLLS - 1 });
  const db = await open({
    region: 'us-east-1',
    endpointUrl: emulator.url,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    concurrency: b.concurrency,
    ratePerSecond: b.ratePerSecond,
  });
  try {
    const rows = Array.from({ length: CREATES }, (_, i) => `('flush-${i}', '${ROLE}')`).join(', ');
    const started = performance.now();
    await db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ${rows}`);
    const wallMs = performance.now() - started;
    const calls = emulator.calls.length;
    const minCalls = CREATES * (1 + POLLS);
    const idealMs = fanOutMs(minCalls, b);
    return [
      {
        name: `flush of ${CREATES} creates (${POLLS} status polls each)`,
        calls,
        minCalls,
        wallMs: Math.round(wallMs),
        idealMs: Math.round(idealMs),
        ratio: Number((wallMs / idealMs).toFixed(2)),
        target: 1.3,
      },
    ];
  } finally {
    await db.close();
    await emulator.close();
  }
}
