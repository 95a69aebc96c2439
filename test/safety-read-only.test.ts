/**
 * The statement options an agent host stands on (docs/api.md): `readOnly` refuses by SQLite's own
 * verdict and the statement's kind, not by its first word; `approve` is asked with the calls a write
 * will make; `maxRows` pushes its cap into the plan, so the listing stops; `onCall` hears one
 * statement's calls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCcsqlError, type PlannedCall } from '../src/index.js';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCcsqlError(error), String(error));
    return error.code;
  }
  return 'OK';
}

test('readOnly refuses every statement that could change anything, and nothing is sent', async (t) => {
  const s = await session(imageEstate(3));
  t.after(() => s.close());
  await s.db.query('CREATE TABLE notes (body TEXT)');
  await s.db.query("CREATE VIEW note_view AS SELECT body FROM notes");
  await s.db.query("CREATE TRIGGER note_view_insert INSTEAD OF INSERT ON note_view BEGIN INSERT INTO notes VALUES (NEW.body); END");
  s.take();
  const refused = [
    "DELETE FROM awscc.sagemaker.images WHERE image_name = 'img-000'",
    "WITH doomed AS (SELECT image_name FROM awscc.sagemaker.images) DELETE FROM awscc.sagemaker.images WHERE image_name IN (SELECT image_name FROM doomed)",
    "INSERT INTO awscc.sagemaker.images (region, image_name, image_role_arn) VALUES ('us-east-1', 'new', 'arn:aws:iam::123456789012:role/r')",
    "UPDATE awscc.sagemaker.images SET image_description = 'x' WHERE image_name = 'img-001'",
    "WITH x AS (SELECT 1) INSERT INTO notes SELECT 'a' FROM x",
    "INSERT INTO note_view VALUES ('through a view and its trigger')",
    "ATTACH ':memory:' AS other",
    'PRAGMA query_only = 0',
    'PRAGMA writable_schema(1)',
    'BEGIN',
    'CREATE TABLE more (a)',
    'DROP TABLE notes',
    'VACUUM',
  ];
  for (const sql of refused) assert.equal(await codeOf(s.db.query(sql, [], { readOnly: true })), 'READ_ONLY', sql);
  assert.deepEqual(s.take(), [], 'nothing was sent');
  assert.deepEqual(await s.db.query('SELECT count(*) AS n FROM notes'), [{ n: 0 }]);
  const allowed = ['SELECT 1', 'PRAGMA table_info(notes)', 'PRAGMA user_version', 'SHOW SERVICES IN awscc', "SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'", 'EXPLAIN QUERY PLAN SELECT * FROM notes'];
  for (const sql of allowed) assert.equal(await codeOf(s.db.query(sql, [], { readOnly: true })), 'OK', sql);
});

test('readOnly refuses a write through iterate too', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  const run = async () => {
    for await (const _ of s.db.iterate("DELETE FROM awscc.sagemaker.images WHERE image_name = 'img-000'", [], { readOnly: true })) {
      // No row comes.
    }
  };
  assert.equal(await codeOf(run()), 'READ_ONLY');
  assert.deepEqual(s.take(), []);
});

test('approve is asked with the calls a write will make; false sends nothing, true sends them', async (t) => {
  const s = await session(imageEstate(2));
  t.after(() => s.close());
  const asked: (readonly PlannedCall[])[] = [];
  const sql = "UPDATE awscc.sagemaker.images SET image_description = 'new' WHERE region = 'us-east-1' AND image_name = 'img-001'";
  assert.equal(await codeOf(s.db.query(sql, [], { approve: (plan) => (asked.push(plan), false) })), 'WRITE_DECLINED');
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0]!.map((p) => [p.operation, p.identifier, p.document]), [['UPDATE', imageArn('img-001'), [{ op: 'replace', path: '/ImageDescription', value: 'new' }]]]);
  assert.ok(!s.take().some((c) => c.startsWith('UpdateResource')), 'nothing sent after a decline');
  await s.db.query(sql, [], { approve: () => true });
  assert.deepEqual(s.take().filter((c) => c.startsWith('UpdateResource')), [`UpdateResource ${IMAGE} ${imageArn('img-001')} us-east-1`]);
  // A change to the local database only is asked with an empty plan.
  const local: (readonly PlannedCall[])[] = [];
  assert.equal(await codeOf(s.db.query('CREATE TABLE t (a)', [], { approve: (plan) => (local.push(plan), false) })), 'WRITE_DECLINED');
  assert.deepEqual(local, [[]]);
  assert.equal(await codeOf(s.db.query('SELECT * FROM t')), 'SQL_ERROR');
});

test('an approved UPDATE of several resources needs no other confirmation', async (t) => {
  const s = await session(imageEstate(3));
  t.after(() => s.close());
  const sql = "UPDATE awscc.sagemaker.images SET image_description = 'all' WHERE region = 'us-east-1'";
  assert.equal(await codeOf(s.db.query(sql)), 'CONFIRMATION_REQUIRED');
  await s.db.query(sql, [], { approve: (plan) => plan.length === 3 });
  assert.equal(s.take().filter((c) => c.startsWith('UpdateResource')).length, 3);
});

test('maxRows cuts the rows and the calls: one page and the resources of the rows kept', async (t) => {
  const s = await session(imageEstate(300));
  t.after(() => s.close());
  const result = await s.db.execute('SELECT image_name, image_description FROM awscc.sagemaker.images -- every image', [], { maxRows: 3 });
  assert.deepEqual(result.rows.map((r) => r.image_name), ['img-000', 'img-001', 'img-002']);
  assert.equal(result.truncated, true);
  const calls = s.take();
  assert.equal(calls.filter((c) => c.startsWith('ListResources')).length, 1);
  assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, 4, 'the cap and the one row that tells the cut');
  const whole = await s.db.execute("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-west-2'", [], { maxRows: 3 });
  assert.deepEqual([whole.rows, whole.truncated], [[{ image_arn: imageArn('west', 'us-west-2') }], false]);
  const own = await s.db.execute('SELECT image_arn FROM awscc.sagemaker.images_list_only LIMIT 10', [], { maxRows: 4 });
  assert.deepEqual([own.rows.length, own.truncated], [4, true]);
  const iterated: unknown[] = [];
  for await (const row of s.db.iterate('SELECT image_arn FROM awscc.sagemaker.images_list_only', [], { maxRows: 2 })) iterated.push(row);
  assert.deepEqual(iterated, [{ image_arn: imageArn('img-000') }, { image_arn: imageArn('img-001') }]);
  assert.equal(await codeOf(s.db.query('SELECT 1', [], { maxRows: 0 })), 'INVALID_ARGUMENT');
  // Forms a LIMIT cannot simply follow, or that end in a comment.
  for (const sql of ['VALUES (1),(2),(3)', 'SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 -- three', 'WITH x(a) AS (VALUES (1),(2),(3)) SELECT a FROM x ORDER BY a DESC']) {
    const capped = await s.db.execute(sql, [], { maxRows: 2 });
    assert.deepEqual([capped.rawRows?.length, capped.truncated], [2, true], sql);
  }
});

test('onCall hears the calls of its own statement only', async (t) => {
  const s = await session(imageEstate(2));
  t.after(() => s.close());
  const heard: string[] = [];
  await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'", [], { onCall: (c) => heard.push(`${c.op} ${c.identifier ?? ''}`.trim()) });
  await s.db.query("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'");
  assert.deepEqual(heard.sort(), ['GetResource ' + imageArn('img-000'), 'GetResource ' + imageArn('img-001'), 'ListResources']);
});
