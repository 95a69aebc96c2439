/**
 * The read-path scenarios of `npm run bench`. Each runs ccsql against the local endpoint with the
 * endpoint's own limits (its latency, and where set its rate limit per account and region) and no
 * setting of ccsql's, and reports the calls made against the minimum and the wall time against the
 * ideal: what the endpoint allows (pages in sequence, every other call at its rate limit), never a
 * figure of ccsql's own. Where a naive SDK client can do the same work it runs in the same scenario.
 */
import { performance } from 'node:perf_hooks';
import { open, type CcsqlDatabase } from '../src/index.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/emulator/index.js';
import { listOnly, promiseAll, sequential } from './naive.js';

export interface BenchResult {
  readonly name: string;
  readonly calls: number;
  readonly minCalls: number;
  readonly wallMs: number;
  readonly idealMs: number;
  readonly ratio: number;
  readonly target: number;
  /** Share of ccsql's calls the endpoint throttled. */
  readonly throttled?: number;
  readonly naive?: { readonly wallMs: number; readonly failed: number };
  readonly sequentialMs?: number;
  /** Wall time against another row's, where the target is relative (20 accounts against one). */
  readonly relative?: { readonly to: string; readonly ratio: number; readonly target: number };
  readonly note?: string;
}

export const LATENCY_MS = Number(process.env.CCSQL_BENCH_LATENCY_MS ?? 100);
const PAGE = 25;
const ROLE = 'arn:aws:iam::123456789012:role/bench';
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };
const IMAGE = 'AWS::SageMaker::Image';

function images(n: number, versionsEach = 0) {
  const resources = [];
  for (let i = 0; i < n; i += 1) {
    const name = `bench-${i}`;
    resources.push({ TypeName: IMAGE, Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE, ImageDescription: `image ${i}` } });
    for (let v = 0; v < versionsEach; v += 1) resources.push({ TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: name, BaseImage: `img:${v}` } });
  }
  return { resources };
}

async function withEstate<T>(seed: ReturnType<typeof images>, endpoint: EmulatorOptions, run: (db: CcsqlDatabase, emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ port: 0, seed, latencyMs: LATENCY_MS, ...endpoint });
  const db = await open({ region: 'us-east-1', endpointUrl: emulator.url, credentials: CREDENTIALS });
  try {
    // The first call of a process loads the SDK's credential and HTTP machinery: measure warm calls.
    await db.query("SELECT 1 FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/warm'");
    return await run(db, emulator);
  } finally {
    await db.close();
    await emulator.close();
  }
}

async function timed(db: CcsqlDatabase, emulator: Emulator, sql: string): Promise<{ wallMs: number; calls: number; throttled: number; rows: number }> {
  emulator.clearCalls();
  const started = performance.now();
  const rows = await db.query(sql);
  const wallMs = performance.now() - started;
  const throttled = emulator.calls.filter((c) => /Throttl/.test(c.error ?? '')).length;
  // Calls the endpoint answered; the throttled ones are counted apart.
  return { wallMs, calls: emulator.calls.length - throttled, throttled, rows: rows.length };
}

export function result(name: string, m: { wallMs: number; calls: number; throttled?: number }, minCalls: number, idealMs: number, target: number, extra: Partial<BenchResult> = {}): BenchResult {
  return {
    name, calls: m.calls, minCalls, wallMs: Math.round(m.wallMs), idealMs: Math.round(idealMs),
    ratio: Number((m.wallMs / idealMs).toFixed(2)), target,
    ...(m.throttled !== undefined && m.calls > 0 ? { throttled: Number((m.throttled / (m.calls + m.throttled)).toFixed(3)) } : {}),
    ...extra,
  };
}

/** What the endpoint allows for a listing of `pages` and `gets` reads: pages in sequence, every call within the rate limit. */
function idealMs(pages: number, gets: number, rateLimit: number | undefined): number {
  const byPages = (pages + (gets > 0 ? 1 : 0)) * LATENCY_MS;
  if (!rateLimit) return byPages;
  // Every call at the endpoint's rate limit: a ratio of 1.11 is 90% of the limit.
  return Math.max(byPages, ((pages + gets) / rateLimit) * 1000);
}

async function listThenGet(n: number, rateLimit: number | undefined): Promise<BenchResult> {
  const pages = Math.ceil(n / PAGE);
  return withEstate(images(n), rateLimit ? { rateLimit } : {}, async (db, emulator) => {
    const m = await timed(db, emulator, "SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
    const naive = await promiseAll(emulator.url, IMAGE);
    const seq = await sequential(emulator.url, IMAGE, 20, pages + n);
    const limit = rateLimit ? `rate limit ${rateLimit}/s` : 'no rate limit';
    return result(`list-then-get ${n.toLocaleString('en')}, ${limit}`, m, pages + n, idealMs(pages, n, rateLimit), rateLimit ? 1 / 0.9 : 1.3, {
      naive: { wallMs: Math.round(naive.wallMs), failed: naive.failed },
      sequentialMs: Math.round(seq.wallMs),
      note: rateLimit ? `${((m.calls / (m.wallMs / 1000) / rateLimit) * 100).toFixed(0)}% of the limit` : 'bound by the pages',
    });
  });
}

export async function readScenarios(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const limit of [50, 200]) out.push(await listThenGet(2000, limit));
  out.push(await listThenGet(2000, undefined));
  await withEstate(images(1000), {}, async (db, emulator) => {
    const count = await timed(db, emulator, "SELECT count(*) FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
    out.push(result('count(*) over 1,000', count, 40, idealMs(40, 0, undefined), 1.2, { note: 'ListResources only' }));
  });
  await withEstate(images(300), {}, async (db, emulator) => {
    const limited = await timed(db, emulator, "SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 3");
    out.push(result('LIMIT 3 of 300', limited, 1 + 3, idealMs(1, 3, undefined), 1.3, { note: 'one page, then the three reads' }));
    const point = await timed(db, emulator, "SELECT image_name, image_description FROM awscc.sagemaker.images WHERE image_arn = 'arn:aws:sagemaker:us-east-1:123456789012:image/bench-7'");
    out.push(result('WHERE image_arn = …', point, 1, LATENCY_MS, 1.3, { note: 'one GetResource' }));
  });
  await withEstate(images(50, 1), {}, async (db, emulator) => {
    const join = await timed(db, emulator, `SELECT i.image_name, v.version FROM awscc.sagemaker.images i
      JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'`);
    // Parents: 2 pages, their reads overlapping; then the 50 child listings; then the 50 child reads.
    out.push(result('50-parent join', join, 2 + 50 + 50 + 50, 5 * LATENCY_MS, 1.3, { note: 'rounds: parents, child lists, child reads' }));
  });
  out.push(await streamedListing());
  return out;
}

/**
 * 100,000 identifiers through `db.iterate` over a `_list_only` table. The endpoint answers 100 a
 * page (as list handlers that size their own pages at the API's maximum do) rather than the default
 * 25: 1,000 pages, not 4,000, keeps the run near a minute and the ideal (pages in sequence) what it
 * is either way. Reports the peak growth of the process's RSS from before the statement to its end.
 */
export async function streamedListing(): Promise<BenchResult> {
  const n = Number(process.env.CCSQL_BENCH_STREAM_N ?? 100_000);
  const pageSize = 100;
  const latency = Math.min(LATENCY_MS, 20);
  const pages = n / pageSize;
  return withEstate(images(n), { listPageSize: pageSize, latencyMs: latency }, async (db, emulator) => {
    emulator.clearCalls();
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let rows = 0;
    const started = performance.now();
    for await (const _ of db.iterate('SELECT image_arn FROM awscc.sagemaker.images_list_only')) {
      if ((rows += 1) % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const wallMs = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    const calls = emulator.calls.length;
    const naive = await listOnly(emulator.url, IMAGE);
    return result(`list_only ${n.toLocaleString('en')} (${pages} pages), iterate`, { wallMs, calls }, pages, pages * latency, 1.3, {
      naive: { wallMs: Math.round(naive.wallMs), failed: 0 },
      note: `${rows.toLocaleString('en')} rows, ${latency} ms a page; peak RSS growth ${Math.round((peak - before) / 2 ** 20)} MiB`,
    });
  });
}
