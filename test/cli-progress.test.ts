import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListingProgress } from '../src/bridge/progress.js';
import { listingLine, terminalProgress, type ProgressSource } from '../src/cli/trace.js';
import { imageEstate, session } from './support/session.js';

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
