import assert from 'node:assert/strict';
import { test } from 'node:test';
import { peakInFlight } from '../src/emulator/index.js';
import { GATE_TIMEOUT, openWhenHeld } from './support/gate.js';
import { testSeed } from './support/random.js';
import { imageArn, imageEstate, session } from './support/session.js';

const VERSION = 'AWS::SageMaker::ImageVersion';

test('a join supplies the list key: the versions of every image, the child listings issued together', GATE_TIMEOUT, async (t) => {
  const s = await session(imageEstate(5, 2));
  t.after(() => s.close());
  const gate = s.emulator.gate(['ListResources'], (body) => body.TypeName === VERSION);
  const rows = await openWhenHeld(gate, 5, s.db.query(`SELECT i.image_name, v.version, v.horovod
    FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name
    WHERE i.region = 'us-east-1' ORDER BY i.image_name, v.version`));
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[0], { image_name: 'img-000', version: 1, horovod: 1 });
  assert.deepEqual(rows[9], { image_name: 'img-004', version: 2, horovod: 0 });
  const calls = s.emulator.calls;
  const lists = calls.filter((c) => c.op === 'ListResources' && c.body.TypeName === VERSION);
  assert.deepEqual(lists.map((c) => JSON.parse(String(c.body.ResourceModel)).ImageName).sort(), ['img-000', 'img-001', 'img-002', 'img-003', 'img-004']);
  assert.equal(peakInFlight(lists), 5, 'all child listings were in flight at once');
  assert.equal(calls.length, 1 + 5 + 5 + 10, 'one listing, 5 image gets, 5 child listings, 10 version gets');
});

test('a full child table without its key lists through its parents, then reads each child once', async (t) => {
  const s = await session(imageEstate(2, 2));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT image_name, version, horovod FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' ORDER BY 1, 2");
  assert.deepEqual(rows.map((r) => `${r.image_name}/${r.version}`), ['img-000/1', 'img-000/2', 'img-001/1', 'img-001/2']);
  const calls = s.take().map((c) => c.split(' ').slice(0, 2).join(' ')).sort();
  assert.deepEqual(calls, [
    ...Array(2).fill('GetResource AWS::SageMaker::Image'), ...Array(4).fill('GetResource AWS::SageMaker::ImageVersion'),
    'ListResources AWS::SageMaker::Image', 'ListResources AWS::SageMaker::ImageVersion', 'ListResources AWS::SageMaker::ImageVersion',
  ], 'the images listed once and read (their ImageName is not in the listing), each image\'s versions listed, each version read');
});

test('a missing list key no parent can give fails before any call, naming the key and a query that works', async (t) => {
  const s = await session(imageEstate(1, 1));
  t.after(() => s.close());
  await assert.rejects(s.db.query("SELECT * FROM awscc.amplify.branches WHERE region = 'us-east-1'"), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'MISSING_LIST_KEY');
    assert.equal(error.message, "Listing awscc.amplify.branches needs app_id: add WHERE app_id = '…', or take it from a join, e.g. SELECT * FROM awscc.amplify.branches WHERE region = 'us-east-1' AND app_id = '…'");
    return true;
  });
  assert.deepEqual(s.take(), []);
  const rows = await s.db.query("SELECT image_name, version FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name = 'img-000'");
  assert.deepEqual(rows, [{ image_name: 'img-000', version: 1 }]);
  assert.equal(JSON.parse(String(s.emulator.calls[0]!.body.ResourceModel)).ImageName, 'img-000');
});

test('values: booleans as 1/0, arrays and objects as JSON text, write-only columns NULL', async (t) => {
  const s = await session(imageEstate(1, 1));
  t.after(() => s.close());
  const [row] = await s.db.query(`SELECT horovod, alias, typeof(version) AS t FROM awscc.sagemaker.image_versions
    WHERE region = 'us-east-1' AND image_name = 'img-000'`);
  assert.deepEqual(row, { horovod: 1, alias: null, t: 'integer' });
  const tags = await s.db.query(`SELECT j.value ->> '$.Key' AS k, j.value ->> '$.Value' AS v
    FROM awscc.sagemaker.images i, json_each(i.tags) j WHERE i.region = 'us-east-1'`);
  assert.deepEqual(tags, [{ k: 'team', v: 'data' }]);
});

test('real SQLite: local tables, CTEs, views, aggregates, ORDER BY and LIMIT over resource tables', async (t) => {
  const s = await session(imageEstate(6));
  t.after(() => s.close());
  await s.db.execute('CREATE TABLE owners (image_name TEXT PRIMARY KEY, owner TEXT)');
  await s.db.execute("INSERT INTO owners VALUES ('img-001', 'ana'), ('img-004', 'bo')");
  const joined = await s.db.query(`SELECT o.owner, i.image_arn FROM owners o JOIN awscc.sagemaker.images i ON i.image_name = o.image_name
    WHERE i.region = 'us-east-1' ORDER BY o.owner`);
  assert.deepEqual(joined, [{ owner: 'ana', image_arn: imageArn('img-001') }, { owner: 'bo', image_arn: imageArn('img-004') }]);
  await s.db.execute("CREATE TEMP VIEW ml_images AS SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND tags LIKE '%\"ml\"%'");
  assert.deepEqual((await s.db.query('SELECT count(*) AS n FROM ml_images'))[0], { n: 3 });
  const cte = await s.db.query(`WITH t AS (SELECT json_extract(tags, '$[0].Value') AS team FROM awscc.sagemaker.images WHERE region = 'us-east-1')
    SELECT team, count(*) AS n FROM t GROUP BY team ORDER BY team LIMIT 1`);
  assert.deepEqual(cte, [{ team: 'data', n: 3 }]);
});

test('each distinct call at most once per statement, even when a table is named twice', async (t) => {
  const s = await session(imageEstate(3));
  t.after(() => s.close());
  await s.db.query(`SELECT a.image_name FROM awscc.sagemaker.images a JOIN awscc.sagemaker.images b ON a.image_arn = b.image_arn
    WHERE a.region = 'us-east-1' AND b.region = 'us-east-1'`);
  const calls = s.take();
  assert.equal(calls.length, 4);
  assert.equal(new Set(calls).size, 4);
});

test('the result cache: an identical second query within the TTL makes no call', async (t) => {
  const s = await session(imageEstate(3), { cacheTtlMs: 60_000 });
  t.after(() => s.close());
  const sql = "SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'";
  const first = await s.db.query(sql);
  assert.equal(s.take().length, 4);
  assert.deepEqual(await s.db.query(sql), first);
  assert.deepEqual(s.take(), []);
  s.db.cacheTtlMs = 0;
  await s.db.query(sql);
  assert.equal(s.take().length, 4, 'with the cache off every statement fetches');
});

test('under a 30% throttle rate every row still comes back, correct', async (t) => {
  const s = await session(imageEstate(40, 1), {}, { throttleRate: 0.3, randomSeed: testSeed(t) });
  t.after(() => s.close());
  const rows = await s.db.query(`SELECT i.image_name, v.version FROM awscc.sagemaker.images i
    JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1' ORDER BY 1`);
  assert.equal(rows.length, 40);
  assert.deepEqual(rows[39], { image_name: 'img-039', version: 1 });
  const throttled = s.emulator.calls.filter((c) => c.error === 'ThrottlingException').length;
  assert.ok(throttled > 10, `throttling happened (${throttled} times)`);
  assert.equal(db(s).cloud.stats.throttles, throttled);
});

function db(s: { db: import('../src/index.js').CcsqlDatabase }) {
  return s.db;
}

test('a _list_only child table without its key lists the children of every parent, and gets no child', async (t) => {
  const s = await session(imageEstate(2, 2));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT region, image_version_arn FROM awscc.sagemaker.image_versions_list_only WHERE region = 'us-east-1' ORDER BY 2");
  assert.equal(rows.length, 4);
  assert.equal(rows[0]!.image_version_arn, 'arn:aws:sagemaker:us-east-1:123456789012:image-version/img-000/1');
  const calls = s.take().map((c) => c.split(' ').slice(0, 2).join(' ')).sort();
  assert.deepEqual(calls, [
    'GetResource AWS::SageMaker::Image', 'GetResource AWS::SageMaker::Image',
    'ListResources AWS::SageMaker::Image', 'ListResources AWS::SageMaker::ImageVersion', 'ListResources AWS::SageMaker::ImageVersion',
  ]);
});

test('a child listing whose parent does not exist stays empty and warns once, naming the table, key and value', async (t) => {
  const warnings: string[] = [];
  const s = await session(imageEstate(2, 1), { onWarning: (w) => warnings.push(`${w.code}: ${w.message}`) });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT version FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name IN ('nope', 'img-000')"), [{ version: 1 }]);
  assert.deepEqual(warnings, ["PARENT_NOT_FOUND: awscc.sagemaker.image_versions has no rows for image_name = 'nope': no awscc.sagemaker.images with that image_name was found in us-east-1."]);
  s.take();
  warnings.length = 0;
  await s.db.execute("DELETE FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name = 'img-001'");
  s.take();
  assert.deepEqual(await s.db.query("SELECT version FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name = 'img-001'"), []);
  assert.deepEqual(warnings, [], 'a parent with no children is no surprise');
  assert.deepEqual(s.take().filter((c) => c.startsWith('ListResources AWS::SageMaker::Image ')).length, 1, 'the parents are listed once');
  s.db.regions = ['us-east-1', 'us-west-2'];
  await s.db.query("SELECT v.version FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'");
  assert.deepEqual(warnings, [], 'a join fanning a key out over the default regions is no surprise');
});

test('with two default regions, a missing parent is warned of once, not once per region', async (t) => {
  const warnings: string[] = [];
  const s = await session(imageEstate(1, 1), { regions: ['us-east-1', 'us-west-2'], onWarning: (w) => warnings.push(`${w.code}: ${w.message}`) });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.image_versions_list_only WHERE image_name = 'nope'"), [{ n: 0 }]);
  assert.deepEqual(warnings, ["PARENT_NOT_FOUND: awscc.sagemaker.image_versions_list_only has no rows for image_name = 'nope': no awscc.sagemaker.images with that image_name was found in us-east-1, us-west-2."]);
});
