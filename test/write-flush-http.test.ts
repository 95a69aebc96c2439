/**
 * The flusher's behaviours, each once against the emulator over HTTP through the real SDK and the
 * real cloud layer, on one virtual clock shared with the endpoint: RetryAfter read from the event
 * time, the doubling wait when an answer has no RetryAfter, the handler timeout, one resource's
 * changes in order and different resources' at once, a failure beside successes, and nowait.
 * write-flush.test.ts drives the same flusher with a scripted cloud for exact sequences the endpoint
 * cannot be asked for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { defaultCatalog } from '../src/catalog/index.js';
import { startEmulator, type EmulatorOptions } from '../src/emulator/index.js';
import { open, type CcsqlDatabase } from '../src/index.js';
import { flush, type FlushSettings } from '../src/write/flush.js';
import { Journal } from '../src/write/journal.js';
import type { Change } from '../src/write/plan.js';
import { handlerTimeoutMs } from '../src/write/poll.js';
import { TEST_CREDENTIALS } from './support/clients.js';
import { rewriteProxy } from './support/rewrite-proxy.js';
import { imageArn, imageEstate, ROLE } from './support/session.js';
import { VirtualTimers } from './support/virtual-timers.js';

const IMAGE = 'AWS::SageMaker::Image';
const catalog = defaultCatalog();

interface Rig {
  readonly vt: VirtualTimers;
  readonly journal: Journal;
  readonly settings: FlushSettings;
  readonly emulator: Awaited<ReturnType<typeof startEmulator>>;
  readonly db: CcsqlDatabase;
  /** Runs work on the virtual clock, moving it only while no call is on its way. */
  drive<T>(work: Promise<T>): Promise<T>;
}

/**
 * The flusher over a journal of its own, sending through a database's cloud layer to an endpoint on
 * the same virtual clock (`offsetMs` ahead of it, as a skewed service clock would be).
 */
async function rig(t: { after(fn: () => Promise<void>): void }, emulatorOptions: EmulatorOptions, { offsetMs = 0, proxy }: { offsetMs?: number; proxy?: (url: string) => Promise<{ url: string; close(): Promise<void> }> } = {}): Promise<Rig> {
  const vt = new VirtualTimers();
  const emulator = await startEmulator({ port: 0, seed: imageEstate(2), clock: () => vt.now() + offsetMs, ...emulatorOptions });
  const front = proxy ? await proxy(emulator.url) : undefined;
  const db = await open({ region: 'us-east-1', endpointUrl: front?.url ?? emulator.url, credentials: { ...TEST_CREDENTIALS }, timers: vt, ratePerSecond: 1000, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  t.after(async () => {
    await db.close();
    await front?.close();
    await emulator.close();
  });
  const journal = new Journal(new BetterSqlite3(':memory:'), () => vt.now());
  const settings: FlushSettings = { cloudOf: () => db.cloud, journal, timers: vt, catalog, nowait: false };
  return { vt, journal, settings, emulator, db, drive: (work) => vt.drive(work, () => db.cloud.stats.inFlight === 0) };
}

const create = (name: string): Change => ({ typeName: IMAGE, table: 'awscc.sagemaker.images', region: 'us-east-1', operation: 'CREATE', desiredState: { ImageName: name, ImageRoleArn: ROLE } });
const describe = (identifier: string, text: string): Change => ({
  typeName: IMAGE, table: 'awscc.sagemaker.images', region: 'us-east-1', operation: 'UPDATE', identifier, patch: [{ op: 'add', path: '/ImageDescription', value: text }],
});
const remove = (identifier: string): Change => ({ typeName: IMAGE, table: 'awscc.sagemaker.images', region: 'us-east-1', operation: 'DELETE', identifier });

/** The operations the endpoint was called with, in arrival order. */
const ops = (r: Rig) => r.emulator.calls.map((c) => c.op);

test('over HTTP: status polls wait as long as RetryAfter says, measured from the event time, whatever the service clock says', async (t) => {
  // The service's clock runs an hour ahead of ours: only RetryAfter - EventTime may count.
  const r = await rig(t, { asyncMs: 90_000, retryAfterMs: 30_000 }, { offsetMs: 3_600_000 });
  const [outcome] = await r.drive(flush(r.journal.append([create('slow')]), r.settings));
  assert.equal(outcome!.kind, 'done');
  assert.equal(outcome!.entry.identifier, imageArn('slow'));
  // The create's own answer has no RetryAfter (one second), then each status answer's 30 s, until due at 90 s.
  assert.deepEqual(r.vt.delays, [1_000, 30_000, 30_000, 30_000]);
  assert.deepEqual(ops(r), ['CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
});

test('over HTTP: answers without RetryAfter make the wait double from one second up to ten', async (t) => {
  const strip = (url: string) => rewriteProxy(url, 'GetResourceRequestStatus', (answer) => {
    const { RetryAfter: _gone, ...event } = answer.ProgressEvent as Record<string, unknown>;
    return { ...answer, ProgressEvent: event };
  });
  const r = await rig(t, { asyncMs: 40_000 }, { proxy: strip });
  const [outcome] = await r.drive(flush(r.journal.append([remove(imageArn('img-000'))]), r.settings));
  assert.equal(outcome!.kind, 'done');
  // 1 + 2 + 4 + 8 + 10 + 10 + 10 = 45 s: the first poll past the 40 s the delete takes.
  assert.deepEqual(r.vt.delays, [1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
});

test('over HTTP: a request still running at its handler timeout ends as timeout and stays unfinished', async (t) => {
  const r = await rig(t, { asyncMs: 48 * 3_600_000 });
  const started = r.vt.now();
  const build: Change = { typeName: 'AWS::ImageBuilder::Image', table: 'awscc.imagebuilder.images', region: 'us-east-1', operation: 'CREATE', desiredState: {
    ImageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0',
    InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i',
  } };
  const [outcome] = await r.drive(flush(r.journal.append([build]), r.settings));
  assert.equal(outcome!.kind, 'timeout', JSON.stringify(outcome!.event));
  assert.equal(handlerTimeoutMs(catalog, 'AWS::ImageBuilder::Image', 'CREATE'), 720 * 60_000);
  assert.equal(r.vt.now() - started, 720 * 60_000);
  assert.equal(r.journal.unfinished().length, 1, 'a timed-out change stays unfinished, to be resumed');
  const polled = new Set(r.emulator.calls.filter((c) => c.op === 'GetResourceRequestStatus').map((c) => c.body.RequestToken));
  assert.deepEqual([...polled], [r.journal.unfinished()[0]!.requestToken], 'the journal keeps the token of the request it polled');
});

test('over HTTP: changes to one resource run one after another; changes to different resources at once', async (t) => {
  const r = await rig(t, { asyncMs: 5_000 });
  const [a, b] = [imageArn('img-000'), imageArn('img-001')];
  await r.drive(flush(r.journal.append([describe(a, 'a1'), describe(b, 'b1'), describe(a, 'a2'), create('c'), create('d')]), r.settings));
  const log = r.emulator.calls.map((c) => `${c.op} ${String(c.body.Identifier ?? (c.body.DesiredState ? JSON.parse(String(c.body.DesiredState)).ImageName : c.body.RequestToken))}`);
  const firstStatus = log.findIndex((l) => l.startsWith('GetResourceRequestStatus'));
  assert.deepEqual(log.slice(0, firstStatus).sort(), ['CreateResource c', 'CreateResource d', `UpdateResource ${a}`, `UpdateResource ${b}`], 'all resources start before any poll');
  assert.deepEqual(log.filter((l) => l.startsWith('UpdateResource')).length, 3);
  assert.ok(log.lastIndexOf(`UpdateResource ${a}`) > firstStatus, `the second update of a waits for the first:\n${log.join('\n')}`);
  assert.ok(!r.emulator.calls.some((c) => c.error === 'ConcurrentOperationException'), 'never two writes on one resource at once');
  const [row] = await r.drive(r.db.query(`SELECT image_description FROM awscc.sagemaker.images WHERE Identifier = '${a}'`));
  assert.equal(row!.image_description, 'a2', 'the later change of a is the one that stays');
});

test('over HTTP: one failed change does not hide the others, and a gone resource counts as deleted', async (t) => {
  const r = await rig(t, { asyncMs: 5_000 });
  const badPatch: Change = { ...describe(imageArn('img-001'), 'x'), patch: [{ op: 'replace', path: '/ImageName', value: 'renamed' }] };
  const outcomes = await r.drive(flush(r.journal.append([describe(imageArn('img-000'), 'ok'), badPatch, remove(imageArn('gone'))]), r.settings));
  assert.deepEqual(outcomes.map((o) => [o.kind, o.event.OperationStatus, o.event.ErrorCode]), [
    ['done', 'SUCCESS', undefined],
    ['failed', 'FAILED', 'NotUpdatableException'],
    ['done', 'SUCCESS', 'NotFound'],
  ]);
  assert.equal(r.journal.unfinished().length, 0);
});

test('over HTTP: nowait stops at the first event and leaves the change unfinished in the journal', async (t) => {
  const r = await rig(t, { asyncMs: 5_000 });
  const [outcome] = await r.drive(flush(r.journal.append([remove(imageArn('img-000'))]), { ...r.settings, nowait: true }));
  assert.equal(outcome!.kind, 'pending');
  assert.deepEqual(ops(r), ['DeleteResource']);
  const token = outcome!.event.RequestToken;
  assert.ok(token);
  assert.equal(r.journal.unfinished()[0]!.requestToken, token);
  assert.deepEqual(r.vt.delays, [], 'no wait at all');
});
