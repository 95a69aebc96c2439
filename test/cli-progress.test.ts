import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listingLine } from '../src/cli/trace.js';
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
