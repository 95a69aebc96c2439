import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ListingProgress } from '../src/bridge/progress.js';
import { listingLine, terminalProgress, type ProgressSource } from '../src/cli/trace.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { imageEstate, session } from './support/session.js';
import { closeTerminals, SKIP_NO_TERMINAL, Terminal } from './support/tmux.js';

const listing = { label: 'logs.log_groups us-east-1', listed: 5000, complete: true, read: 1240, reading: true, startedAt: 0 };

test('the progress line shows the busiest listing: done of total, rate, time left; a floor until the last page', () => {
  assert.equal(listingLine([listing], 5000), 'logs.log_groups us-east-1: 1,240/5,000, 248/s, 16 s left');
  assert.equal(listingLine([{ ...listing, complete: false, listed: 2500 }], 5000), 'logs.log_groups us-east-1: 1,240/2,500+, 248/s');
  assert.equal(listingLine([{ ...listing, reading: false, complete: false, read: 0 }], 10_000), 'logs.log_groups us-east-1: 5,000+, 500/s');
  assert.equal(listingLine([{ ...listing, label: 'small', listed: 3 }, listing], 5000)?.startsWith('logs.log_groups'), true);
  assert.equal(listingLine([], 1), undefined);
});

test('db.progress tells, per listing of the last statement, what was listed and read', async (t) => {
  const s = await session(imageEstate(30));
  t.after(() => s.close());
  await s.db.query("SELECT image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.deepEqual(s.db.progress.map(({ startedAt: _, ...p }) => p), [
    { label: 'awscc.sagemaker.images us-east-1', listed: 30, complete: true, read: 30, reading: true },
  ]);
  await s.db.query("SELECT count(*) FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.deepEqual(s.db.progress.map(({ startedAt: _, ...p }) => p), [
    { label: 'awscc.sagemaker.images us-east-1', listed: 30, complete: true, read: 0, reading: false },
  ]);
});

test('a listing asks for its next page before the reads its earlier pages started: its total is known early', async (t) => {
  const resources = Array.from({ length: 100 }, (_, i) => ({ TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: `/app/${String(i).padStart(3, '0')}`, RetentionInDays: 7 } }));
  // One call at a time: the order the calls are made in is the order they wait in.
  const s = await session({ resources }, { concurrency: 1 });
  t.after(() => s.close());
  const rows = await s.db.query("SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups WHERE region = 'us-east-1'");
  assert.equal(rows.length, 100);
  const ops = s.take().map((c) => c.split(' ')[0]);
  assert.equal(ops.filter((op) => op === 'ListResources').length, 4);
  assert.equal(ops.filter((op) => op === 'GetResource').length, 100);
  // Each page waits for at most the one read that took the free slot while the page before was parsed.
  const readsBeforeLastPage = ops.slice(0, ops.lastIndexOf('ListResources')).filter((op) => op === 'GetResource').length;
  assert.ok(readsBeforeLastPage <= 3, `the last page was asked for after ${readsBeforeLastPage} reads: ${ops.join(' ')}`);
});

describe('the progress line in a terminal', { skip: SKIP_NO_TERMINAL }, () => {
  const GROUPS = 1000;
  let emulator: Emulator;
  before(async () => {
    const resources = Array.from({ length: GROUPS }, (_, i) => ({ TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: `/app/${String(i).padStart(4, '0')}`, RetentionInDays: 7 } }));
    // Every call takes 20 ms and ccsql keeps 4 in flight: reading 1,000 log groups takes 5 s, listing their 40 pages far less.
    emulator = await startEmulator({ port: 0, seed: { resources }, latencyMs: 20 });
  });
  after(async () => {
    closeTerminals();
    await emulator.close();
  });

  test('a list-then-get shows the total as soon as the listing has ended, while the reads go on', async () => {
    const sql = 'SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups';
    const term = Terminal.run(['--endpoint-url', emulator.url, '-r', 'us-east-1', '--concurrency', '4', sql]);
    try {
      const [line, done] = await term.waitFor(/^awscc\.logs\.log_groups us-east-1: ([\d,]+)\/1,000, \d+\/s, \d+ s left$/m, 'the total of 1,000');
      const calls = emulator.calls.map((c) => c.op);
      assert.equal(calls.filter((op) => op === 'ListResources').length, GROUPS / 25, `every page is listed when the line says ${line}`);
      const read = calls.filter((op) => op === 'GetResource').length;
      assert.ok(read < GROUPS / 2, `the total is shown while most reads are still to come: ${read} done when the line says ${line}`);
      assert.ok(Number(done!.replace(/,/g, '')) <= read, line);
    } finally {
      term.close();
    }
  });
});

test('the progress line says how many regions the statement has read, once it reads more than one', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const written: string[] = [];
  const progress = terminalProgress({ write: (text: string) => (written.push(text), true) }, 100);
  const source = { cloud: { stats: { calls: 0, throttles: 0, inFlight: 0 } }, progress: [] as ListingProgress[], regionsRead: 0 };
  const stop = progress.start(source as unknown as ProgressSource);
  Object.assign(source.cloud.stats, { calls: 20, inFlight: 3 });
  source.regionsRead = 1;
  t.mock.timers.tick(100);
  source.regionsRead = 17;
  t.mock.timers.tick(100);
  stop();
  assert.deepEqual(written, ['\r\x1b[K17/20 calls', '\r\x1b[K17/20 calls, 17 regions', '\r\x1b[K']);
});
