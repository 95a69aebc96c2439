/**
 * The read-path scenarios of `npm run bench`: each reports the Cloud Control calls made against the
 * minimum, and the wall time against the ideal for the configured bounds
 * (pages × latency + the gets' time at the concurrency bound or the rate bound, whichever is slower).
 */
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { open, type CcsqlDatabase } from '../src/index.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import type { Cloud, ResourceDescription } from '../src/cloud/index.js';

export interface BenchResult {
  readonly name: string;
  readonly calls: number;
  readonly minCalls: number;
  readonly wallMs: number;
  readonly idealMs: number;
  readonly ratio: number;
  readonly target: number;
  readonly note?: string;
}

export interface Bounds {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly ratePerSecond: number;
}

const ROLE = 'arn:aws:iam::123456789012:role/bench';
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

/** Time for n independent calls at the concurrency bound or the rate bound, whichever is slower. */
export function fanOutMs(n: number, b: Bounds): number {
  const byConcurrency = Math.ceil(n / b.concurrency) * b.latencyMs;
  const byRate = n <= b.concurrency ? 0 : ((n - b.concurrency) / b.ratePerSecond) * 1000 + b.latencyMs;
  return n === 0 ? 0 : Math.max(byConcurrency, byRate);
}

function images(n: number, versionsEach = 0) {
  const resources = [];
  for (let i = 0; i < n; i += 1) {
    const name = `bench-${i}`;
    resources.push({ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE } });
    for (let v = 0; v < versionsEach; v += 1) resources.push({ TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: name, BaseImage: `img:${v}` } });
  }
  return { resources };
}

async function withEstate<T>(seed: ReturnType<typeof images>, b: Bounds, cacheTtlMs: number, run: (db: CcsqlDatabase, emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ port: 0, seed, latencyMs: b.latencyMs });
  const db = await open({ region: 'us-east-1', endpointUrl: emulator.url, credentials: CREDENTIALS, concurrency: b.concurrency, ratePerSecond: b.ratePerSecond, cacheTtlMs });
  try {
    return await run(db, emulator);
  } finally {
    await db.close();
    await emulator.close();
  }
}

async function timed(db: CcsqlDatabase, emulator: Emulator, sql: string): Promise<{ wallMs: number; calls: number; rows: number }> {
  emulator.clearCalls();
  const started = performance.now();
  const rows = await db.query(sql);
  return { wallMs: performance.now() - started, calls: emulator.calls.length, rows: rows.length };
}

function result(name: string, m: { wallMs: number; calls: number }, minCalls: number, idealMs: number, target: number, note?: string): BenchResult {
  return { name, calls: m.calls, minCalls, wallMs: Math.round(m.wallMs), idealMs: Math.round(idealMs), ratio: Number((m.wallMs / idealMs).toFixed(2)), target, note };
}

export async function readScenarios(b: Bounds): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  await withEstate(images(500), b, 0, async (db, emulator) => {
    // The first call of a process loads the SDK's credential and HTTP machinery: measure warm calls.
    await db.query("SELECT * FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/bench-1'");
    const get = await timed(db, emulator, "SELECT * FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/bench-7'");
    out.push(result('get by Identifier', get, 1, b.latencyMs, 1.2));
    const list = await timed(db, emulator, "SELECT * FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'");
    out.push(result('list_only listing of 500', list, 20, 20 * b.latencyMs, 1.2));
    const hydrate = await timed(db, emulator, "SELECT * FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
    out.push(result('hydrate 500 (list then get)', hydrate, 520, 20 * b.latencyMs + fanOutMs(500, b), 1.2));
  });
  await withEstate(images(50, 1), b, 60_000, async (db, emulator) => {
    const join = await timed(db, emulator, `SELECT i.image_name, v.version FROM awscc.sagemaker.images i
      JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'`);
    out.push(result('50-parent join', join, 152, 2 * b.latencyMs + fanOutMs(50, b) + 2 * fanOutMs(50, b), 1.2, 'rounds: parents (list+get), child lists, child gets'));
    const cached = await timed(db, emulator, `SELECT i.image_name, v.version FROM awscc.sagemaker.images i
      JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'`);
    out.push({ ...result('cached re-query', cached, 0, 1, 1), ratio: cached.calls === 0 ? 1 : Infinity, note: `${cached.wallMs.toFixed(1)} ms, no call` });
  });
  out.push(await scanScenario(100_000));
  return out;
}

/** An in-memory Cloud: the 100,000-row scan measures SQLite and the bridge, not the network. */
function memoryCloud(n: number): Cloud {
  const props = (i: number) => ({ ImageName: `scan-${i}`, ImageArn: `arn:aws:sagemaker:us-east-1:123456789012:image/scan-${i}`, ImageRoleArn: ROLE, ImageDescription: `row ${i}`, Tags: [{ Key: 'n', Value: String(i % 10) }] });
  const byId = new Map<string, ResourceDescription>();
  for (let i = 0; i < n; i += 1) byId.set(props(i).ImageArn, { identifier: props(i).ImageArn, properties: props(i) });
  return {
    stats: { calls: 0, throttles: 0, inFlight: 0 },
    list: async () => [...byId.values()].map((d) => ({ identifier: d.identifier, properties: { ImageArn: d.identifier } })),
    get: async (_type: string, _region: string, id: string) => byId.get(id),
    destroy: () => {},
  } as unknown as Cloud;
}

async function scanScenario(n: number): Promise<BenchResult> {
  const db = await open({ region: 'us-east-1', cloud: memoryCloud(n), cacheTtlMs: 3_600_000 });
  const sql = "SELECT * FROM awscc.sagemaker.images WHERE region = 'us-east-1'";
  const loaded = await db.query(sql);
  const plain = new BetterSqlite3(':memory:');
  plain.exec('CREATE TABLE t (region, image_name, image_arn, image_role_arn, image_display_name, image_description, tags)');
  const insert = plain.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)');
  plain.transaction(() => {
    for (const row of loaded) insert.run(Object.values(row));
  })();
  const best = (f: () => unknown) => Math.min(...[0, 1, 2, 3, 4].map(() => { const s = performance.now(); f(); return performance.now() - s; }));
  const plainMs = best(() => plain.prepare('SELECT * FROM t').all());
  const rows: number[] = [];
  let ourMs = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    rows.push((await db.query(sql)).length);
    ourMs = Math.min(ourMs, performance.now() - s);
  }
  await db.close();
  plain.close();
  return { name: `scan of ${n.toLocaleString('en')} cached rows vs a plain table`, calls: 0, minCalls: 0, wallMs: Math.round(ourMs), idealMs: Math.round(plainMs), ratio: Number((ourMs / plainMs).toFixed(2)), target: 3, note: `${rows[0]} rows` };
}
