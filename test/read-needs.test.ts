import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';
const LISTING = [`ListResources ${IMAGE} us-east-1`, `ListResources ${IMAGE} us-east-1 +page`, `ListResources ${IMAGE} us-east-1 +page`];

test('a statement that reads only what the listing carries makes no GetResource', async (t) => {
  const s = await session(imageEstate(60));
  t.after(() => s.close());
  const cases: [string, unknown][] = [
    ["SELECT count(*) AS n FROM awscc.sagemaker.images WHERE region = 'us-east-1'", [{ n: 60 }]],
    ["SELECT image_arn FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY 1 LIMIT 1", [{ image_arn: imageArn('img-000') }]],
    ["SELECT region, count(*) AS n FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_arn LIKE '%img-00%' GROUP BY region", [{ region: 'us-east-1', n: 10 }]],
  ];
  for (const [sql, rows] of cases) {
    assert.deepEqual(await s.db.query(sql), rows, sql);
    assert.deepEqual(s.take(), LISTING, sql);
  }
  // EXISTS stops at its first row: one page of the listing is enough.
  assert.deepEqual(await s.db.query("SELECT EXISTS (SELECT 1 FROM awscc.sagemaker.images WHERE region = 'us-east-1') AS e"), [{ e: 1 }]);
  assert.deepEqual(s.take(), LISTING.slice(0, 1));
});

test('reading any other column hydrates every listed resource, as before', async (t) => {
  const s = await session(imageEstate(30));
  t.after(() => s.close());
  const [row] = await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_description LIKE 'image 1%'");
  assert.deepEqual(row, { n: 11 });
  const calls = s.take();
  assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, 30);
  // Through a view, a CTE and a subquery SQLite still reports the columns it reads.
  await s.db.query('CREATE TEMP VIEW described AS SELECT image_arn, image_description FROM awscc.sagemaker.images');
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM described WHERE image_description = 'image 3'"), [{ n: 1 }]);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 30);
  assert.deepEqual(await s.db.query('SELECT count(*) AS n FROM described'), [{ n: 30 }]);
  assert.deepEqual(s.take().filter((c) => c.startsWith('GetResource')), [], 'a view column not read costs nothing');
});

test('LIMIT n with nothing sorted first reads about n resources, not the listing', async (t) => {
  const s = await session(imageEstate(300));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 3");
  assert.equal(rows.length, 3);
  for (const r of rows) assert.equal(r.image_description, `image ${Number(String(r.image_name).slice(4))}`);
  const gets = s.take().filter((c) => c.startsWith('GetResource'));
  assert.ok(gets.length >= 3 && gets.length <= 16, `${gets.length} GetResource calls`);
  // ORDER BY a column only GetResource fills needs every resource: the limit cannot end the scan.
  const sorted = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_description DESC LIMIT 2");
  assert.deepEqual(sorted, [{ image_name: 'img-099' }, { image_name: 'img-098' }]);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 300);
});

test('a LIMIT larger than a round doubles its reads each round and returns exactly the rows a full read gives', async (t) => {
  const s = await session(imageEstate(100));
  t.after(() => s.close());
  const limited = await s.db.execute("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' LIMIT 40");
  const gets = s.take().filter((c) => c.startsWith('GetResource')).length;
  assert.ok(gets >= 40 && gets < 100, `${gets} GetResource calls`);
  const all = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.deepEqual(limited.rows, all.slice(0, 40));
});

test('= or IN on the primary identifier column is a GetResource each, with no listing; other comparisons filter locally', async (t) => {
  const s = await session(imageEstate(30));
  t.after(() => s.close());
  const one = await s.db.query('SELECT image_name FROM awscc.sagemaker.images WHERE image_arn = ?', [imageArn('img-007')]);
  assert.deepEqual(one, [{ image_name: 'img-007' }]);
  assert.deepEqual(s.take(), [`GetResource ${IMAGE} ${imageArn('img-007')} us-east-1`]);
  const some = await s.db.query(`SELECT image_name FROM awscc.sagemaker.images WHERE image_arn IN (?, ?) ORDER BY 1`, [imageArn('img-001'), imageArn('img-002')]);
  assert.deepEqual(some, [{ image_name: 'img-001' }, { image_name: 'img-002' }]);
  assert.deepEqual(s.take().sort(), [`GetResource ${IMAGE} ${imageArn('img-001')} us-east-1`, `GetResource ${IMAGE} ${imageArn('img-002')} us-east-1`]);
  const liked = await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_arn LIKE '%img-00%'");
  assert.deepEqual(liked, [{ n: 10 }]);
  assert.deepEqual(s.take(), LISTING.slice(0, 2), 'a LIKE on the identifier reads the listing alone');
  const missing = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE image_arn = 'arn:aws:sagemaker:us-east-1:123456789012:image/none'");
  assert.deepEqual(missing, []);
});
