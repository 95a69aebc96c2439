/**
 * A scan given many identifiers (a join on a log group's name) that reads only what a listing
 * carries is answered by one listing of the type instead of one GetResource per key, when the listing
 * costs fewer calls; a few keys, or a long listing, are read key by key (src/bridge/key-batch.ts).
 * Against the endpoint through the real SDK, asserting the exact calls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { session, ROLE } from './support/session.js';
import type { SeedDocument } from '../src/emulator/index.js';

const GROUPS_PER_PAGE = 25;

/** `groups` log groups in us-east-1 (`/g/000`…), and one SageMaker image per name given. */
function estate(groups: number, images: readonly string[] = []): SeedDocument {
  return {
    resources: [
      ...Array.from({ length: groups }, (_, i) => ({ TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: `/g/${String(i).padStart(3, '0')}` } })),
      ...images.map((name) => ({ TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE } })),
    ],
  };
}

const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `/g/${String(from + i).padStart(3, '0')}`);
const values = (list: readonly string[]) => list.map((n) => `('${n}')`).join(', ');
const countJoin = (list: readonly string[]) =>
  `WITH names(n) AS (VALUES ${values(list)}) SELECT count(*) AS n FROM names JOIN awscc.logs.log_groups l ON l.log_group_name = names.n WHERE l.region = 'us-east-1'`;

test('three names joined to log groups: one GetResource each, no listing', async (t) => {
  const s = await session(estate(60));
  t.after(() => s.close());
  assert.deepEqual(await s.db.query(countJoin(['/g/001', '/nope', '/g/059'])), [{ n: 2 }]);
  assert.deepEqual(s.take(), ['GetResource AWS::Logs::LogGroup /g/001 us-east-1', 'GetResource AWS::Logs::LogGroup /nope us-east-1', 'GetResource AWS::Logs::LogGroup /g/059 us-east-1']);
});

test('twenty images joined to sixty log groups, count only: the log groups listed once, not read per image', async (t) => {
  // Images g-050…g-059 name log groups /g/050…/g/059; img-0…img-9 name none.
  const images = [...names(10, 50).map((n) => n.slice(1).replaceAll('/', '-')), ...Array.from({ length: 10 }, (_, i) => `img-${i}`)];
  const s = await session(estate(60, images));
  t.after(() => s.close());
  const [row] = await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.images i JOIN awscc.logs.log_groups l ON l.log_group_name = '/' || replace(i.image_name, '-', '/') WHERE i.region = 'us-east-1' AND l.region = 'us-east-1'");
  assert.deepEqual(row, { n: 10 });
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.includes('LogGroup')), ['ListResources AWS::Logs::LogGroup us-east-1', 'ListResources AWS::Logs::LogGroup us-east-1 +page', 'ListResources AWS::Logs::LogGroup us-east-1 +page']);
  assert.equal(calls.filter((c) => c.startsWith('GetResource AWS::SageMaker::Image ')).length, 20, 'each image read once for its name');
  assert.equal(calls.length, 1 + 20 + Math.ceil(60 / GROUPS_PER_PAGE));
});

test('a listing longer than half the keys gives way to the reads, and is remembered as long', async (t) => {
  const s = await session(estate(150));
  t.after(() => s.close());
  const keys = [...names(5, 140), '/nope'];
  assert.deepEqual(await s.db.query(countJoin(keys)), [{ n: 5 }]);
  const first = s.take();
  assert.deepEqual(first.slice(0, 3), ['ListResources AWS::Logs::LogGroup us-east-1', 'ListResources AWS::Logs::LogGroup us-east-1 +page', 'ListResources AWS::Logs::LogGroup us-east-1 +page'], 'at most 6 / 2 pages');
  assert.deepEqual(first.slice(3).sort(), keys.map((k) => `GetResource AWS::Logs::LogGroup ${k} us-east-1`).sort());
  assert.deepEqual(await s.db.query(countJoin(keys)), [{ n: 5 }]);
  assert.deepEqual(s.take().sort(), keys.map((k) => `GetResource AWS::Logs::LogGroup ${k} us-east-1`).sort(), 'known to be long: read key by key at once');
});

test('a listing read to its end is the measure: more keys than its pages list, fewer read', async (t) => {
  const s = await session(estate(60));
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM awscc.logs.log_groups WHERE region = 'us-east-1'"), [{ n: 60 }]);
  assert.equal(s.take().length, 3);
  assert.deepEqual(await s.db.query(countJoin(names(3))), [{ n: 3 }]);
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]), ['GetResource', 'GetResource', 'GetResource'], '3 keys, 3 pages: read');
  assert.deepEqual(await s.db.query(countJoin(names(4))), [{ n: 4 }]);
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]), ['ListResources', 'ListResources', 'ListResources'], '4 keys, 3 pages: listed');
});

test('columns only GetResource fills: each key read, whatever their number', async (t) => {
  const s = await session(estate(60));
  t.after(() => s.close());
  const rows = await s.db.query(`WITH names(n) AS (VALUES ${values(names(8))}) SELECT l.log_group_name, l.retention_in_days FROM names JOIN awscc.logs.log_groups l ON l.log_group_name = names.n WHERE l.region = 'us-east-1'`);
  assert.equal(rows.length, 8);
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]), Array(8).fill('GetResource'));
});

test('Identifier IN with many keys, count only: one listing', async (t) => {
  const s = await session(estate(20));
  t.after(() => s.close());
  const list = names(6).map((n) => `'${n}'`).join(', ');
  assert.deepEqual(await s.db.query(`SELECT count(*) AS n FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND Identifier IN (${list}, '/nope')`), [{ n: 6 }]);
  assert.deepEqual(s.take(), ['ListResources AWS::Logs::LogGroup us-east-1']);
});
