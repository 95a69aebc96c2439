/**
 * A LIMIT that nothing sorts or aggregates first reads the listing only as far as it needs: pages
 * until a round has enough identifiers, continued from the NextToken (never from the start) when a
 * later round needs more, and a GetResource only for the rows SQLite takes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';
const page = (n: number) => `ListResources ${IMAGE} us-east-1${n > 0 ? ' +page' : ''}`;
const get = (i: number) => `GetResource ${IMAGE} ${imageArn(`img-${String(i).padStart(3, '0')}`)} us-east-1`;

test('LIMIT 3 over 300 images reads one page and three resources', async (t) => {
  const s = await session(imageEstate(300));
  t.after(() => s.close());
  const rows = await s.db.query('SELECT image_name, image_description FROM awscc.sagemaker.images LIMIT 3');
  assert.deepEqual(rows, [0, 1, 2].map((i) => ({ image_name: `img-00${i}`, image_description: `image ${i}` })));
  assert.deepEqual(s.take(), [page(0), get(0), get(1), get(2)]);
});

test('a _list_only LIMIT reads pages until it has its rows, each page once', async (t) => {
  const s = await session(imageEstate(300));
  t.after(() => s.close());
  const rows = await s.db.query('SELECT image_arn FROM awscc.sagemaker.images_list_only LIMIT 30');
  assert.equal(rows.length, 30);
  assert.deepEqual(rows.at(-1), { image_arn: imageArn('img-029') });
  assert.deepEqual(s.take(), [page(0), page(1)]);
  const more = await s.db.query('SELECT image_arn FROM awscc.sagemaker.images_list_only LIMIT 110');
  assert.equal(more.length, 110);
  // Each round reads ahead twice what the last one did (8, 16, 32, 64 identifiers: 25, 50, 100, 175
  // listed), so a long LIMIT takes few rounds; no page is asked twice.
  assert.deepEqual(s.take(), [page(0), page(1), page(2), page(3), page(4), page(5), page(6)], 'each later round continues from its NextToken');
});

test('a LIMIT larger than the listing reads it all, and the rows are those of a full read', async (t) => {
  const s = await session(imageEstate(60));
  t.after(() => s.close());
  const all = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  s.take();
  const limited = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 500");
  assert.deepEqual(limited, all);
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.startsWith('ListResources')), [page(0), page(1), page(2)]);
  assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, 60);
  const some = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 37 OFFSET 5");
  assert.deepEqual(some, all.slice(5, 42));
  // A filter on a column only GetResource fills: rounds go on until the LIMIT has its rows.
  const filtered = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_description LIKE 'image 5%' LIMIT 4");
  assert.deepEqual(filtered, [{ image_name: 'img-005' }, { image_name: 'img-050' }, { image_name: 'img-051' }, { image_name: 'img-052' }]);
});

test('count(*) and ORDER BY over a remote column still read the whole listing', async (t) => {
  const s = await session(imageEstate(60));
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 1"), [{ n: 60 }]);
  assert.deepEqual(s.take(), [page(0), page(1), page(2)]);
  const sorted = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_description DESC LIMIT 2");
  assert.deepEqual(sorted, [{ image_name: 'img-009' }, { image_name: 'img-008' }]);
  const calls = s.take();
  assert.equal(calls.filter((c) => c.startsWith('ListResources')).length, 3);
  assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, 60);
});

test('a LIMIT in a subquery joined to another table gives the rows a full read gives', async (t) => {
  const s = await session(imageEstate(60, 1));
  t.after(() => s.close());
  await s.db.execute("CREATE TEMP TABLE teams AS SELECT 'ml' AS team, 'machine learning' AS title UNION ALL SELECT 'data', 'data'");
  const sql = (limit: string) => `SELECT i.image_name, t.title, v.horovod FROM (SELECT image_name, json_extract(tags, '$[0].Value') AS team FROM awscc.sagemaker.images WHERE region = 'us-east-1' ${limit}) i JOIN teams t ON t.team = i.team JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name`;
  const limited = await s.db.query(sql('LIMIT 4'));
  const all = await s.db.query(sql(''));
  assert.equal(limited.length, 4);
  assert.deepEqual(limited, all.slice(0, 4));
});

test('a partial listing is never cached as the whole one', async (t) => {
  const s = await session(imageEstate(60), { cacheTtlMs: 60_000 });
  t.after(() => s.close());
  assert.equal((await s.db.query('SELECT image_arn FROM awscc.sagemaker.images_list_only LIMIT 3')).length, 3);
  assert.deepEqual(s.take(), [page(0)]);
  assert.deepEqual(await s.db.query('SELECT count(*) AS n FROM awscc.sagemaker.images_list_only'), [{ n: 60 }]);
  assert.deepEqual(s.take(), [page(0), page(1), page(2)]);
  // The whole listing, cached, now serves a LIMIT with no call.
  assert.equal((await s.db.query('SELECT image_arn FROM awscc.sagemaker.images_list_only LIMIT 30')).length, 30);
  assert.deepEqual(s.take(), []);
});
