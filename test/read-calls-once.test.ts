/**
 * A statement makes each Cloud Control call at most once: a parent's listing and reads serve every
 * part of the statement that needs them (the scan of the parent's table, the check that a child's
 * parent exists), whatever the cache setting.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageEstate, session } from './support/session.js';

const README_JOIN = `SELECT i.image_name, v.version FROM awscc.sagemaker.images i
  JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name
  WHERE i.region = 'us-east-1' ORDER BY 1, 2`;

function repeated(calls: readonly string[]): string[] {
  return calls.filter((c, i) => calls.indexOf(c) !== i);
}

test('the README join over two default regions: no call twice, the images listed and read once', async (t) => {
  const s = await session(imageEstate(3, 2), { regions: ['us-east-1', 'us-west-2'] });
  t.after(() => s.close());
  const rows = await s.db.query(README_JOIN);
  assert.equal(rows.length, 6);
  const calls = s.take();
  assert.deepEqual(repeated(calls), []);
  // The versions' region is open, so each image's versions are listed in both regions. The empty
  // us-west-2 listings ask whether their parent is there: the images the join already read answer,
  // so us-west-2's images are never listed.
  const count = (prefix: string) => calls.filter((c) => c.startsWith(prefix)).length;
  assert.deepEqual(calls.filter((c) => c.startsWith('ListResources AWS::SageMaker::Image ')), ['ListResources AWS::SageMaker::Image us-east-1']);
  assert.equal(count('GetResource AWS::SageMaker::Image '), 3, 'each image read once');
  assert.equal(count('ListResources AWS::SageMaker::ImageVersion '), 3 * 2);
  assert.equal(count('GetResource AWS::SageMaker::ImageVersion '), 6, 'each version read once (its version is not in the listing)');
  assert.equal(calls.length, 1 + 3 + 6 + 6);
});

test('a cache does not change it: the same calls with --cache as without', async (t) => {
  const s = await session(imageEstate(3, 2), { regions: ['us-east-1', 'us-west-2'], cacheTtlMs: 60_000 });
  t.after(() => s.close());
  await s.db.query(README_JOIN);
  const calls = s.take();
  assert.deepEqual(repeated(calls), []);
  assert.equal(calls.length, 16);
});
