/**
 * Comparisons Cloud Control cannot answer (LIKE, <>, <, GLOB, IS …) on region, Identifier and list
 * keys are filtered by SQLite after the scan, as any database would; `=` and IN still reach AWS.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatement } from '../src/sql/statement.js';
import { rewriteStatement } from '../src/sql/rewrite.js';
import { imageArn, imageEstate, session } from './support/session.js';

const binding = { readName: 't', pushed: ['region', 'Identifier', 'image_name'], target: null };
const rewrite = (sql: string) => rewriteStatement(parseStatement(sql), (name) => (name === 'awscc.sagemaker.image_versions' ? binding : undefined)).sql;

test('the rewrite marks only non-equality comparisons on pushed columns as local', () => {
  assert.equal(
    rewrite("SELECT region FROM awscc.sagemaker.image_versions v WHERE v.region LIKE 'us-%' AND image_name <> 'a' AND 'b' < region AND Identifier IS NOT NULL"),
    `SELECT region FROM "t" v WHERE +v.region LIKE 'us-%' AND +image_name <> 'a' AND 'b' < +region AND +Identifier IS NOT NULL`,
  );
  assert.equal(
    rewrite("SELECT * FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name IN ('a') AND +region GLOB 'u*' AND region >= 'a' AND region != 'x' AND 'y' <= image_name"),
    `SELECT * FROM "t" WHERE region = 'us-east-1' AND image_name IN ('a') AND +region GLOB 'u*' AND +region >= 'a' AND +region != 'x' AND 'y' <= +image_name`,
  );
  assert.equal(rewrite("SELECT 'region' LIKE 'r%' AS region FROM awscc.sagemaker.image_versions WHERE image_name = 'a'"), `SELECT 'region' LIKE 'r%' AS region FROM "t" WHERE image_name = 'a'`);
});

test('LIKE, <> and GLOB on region, Identifier and a list key filter locally after the scan', async (t) => {
  const s = await session(imageEstate(2, 2), { regions: ['us-east-1', 'us-west-2'] });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT region, image_name FROM awscc.sagemaker.images WHERE region LIKE 'us-w%'"), [{ region: 'us-west-2', image_name: 'west' }]);
  assert.deepEqual(s.take().sort(), [`GetResource AWS::SageMaker::Image ${imageArn('west', 'us-west-2')} us-west-2`, 'ListResources AWS::SageMaker::Image us-east-1', 'ListResources AWS::SageMaker::Image us-west-2', `GetResource AWS::SageMaker::Image ${imageArn('img-000')} us-east-1`, `GetResource AWS::SageMaker::Image ${imageArn('img-001')} us-east-1`].sort());
  assert.deepEqual(await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND region <> 'eu-west-1' AND image_name GLOB '*1' AND Identifier LIKE '%img-001'"), [{ image_name: 'img-001' }]);
  assert.deepEqual(
    await s.db.query("SELECT DISTINCT image_name FROM awscc.sagemaker.image_versions_list_only WHERE region = 'us-east-1' AND image_name > 'img-000'"),
    [{ image_name: 'img-001' }],
  );
});

test("a write's WHERE filters locally too, with the confirmation a multi-row write needs", async (t) => {
  const s = await session(imageEstate(3), { regions: ['us-east-1', 'us-west-2'] });
  t.after(() => s.close());
  const asked: number[] = [];
  const result = await s.db.execute("DELETE FROM awscc.sagemaker.images WHERE region LIKE 'us-e%' AND image_name <> 'img-001'", [], {
    dryRun: true,
    confirm: (plan) => (asked.push(plan.length), true),
  });
  assert.deepEqual(result.plan?.map((c) => `${c.operation} ${c.region} ${c.identifier}`), [`DELETE us-east-1 ${imageArn('img-000')}`, `DELETE us-east-1 ${imageArn('img-002')}`]);
  await assert.rejects(s.db.execute("DELETE FROM awscc.sagemaker.images WHERE region LIKE 'us-e%'"), (e: Error & { code?: string }) => e.code === 'CONFIRMATION_REQUIRED');
  await s.db.execute("DELETE FROM awscc.sagemaker.images WHERE region LIKE 'us-%' AND ImageName LIKE '%west'");
  assert.deepEqual(await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-west-2'"), []);
});

test('a join on region between two resource tables finds a plan: one side reads its default regions, the other takes the value', async (t) => {
  const s = await session(imageEstate(1, 1), { regions: ['us-east-1', 'us-west-2'] });
  t.after(() => s.close());
  assert.equal(
    rewrite('SELECT * FROM awscc.sagemaker.image_versions a JOIN awscc.sagemaker.image_versions AS b ON a.region = b.region AND a.image_name = b.image_name'),
    'SELECT * FROM "t" a JOIN "t" AS b ON a.region = +b.region AND a.image_name = +b.image_name',
  );
  const rows = await s.db.query<{ region: string; image_name: string }>(
    'SELECT i.region, i.image_name, v.image_name AS version_of FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions_list_only v ON v.region = i.region AND v.image_name = i.image_name ORDER BY 1',
  );
  assert.deepEqual(rows, [{ region: 'us-east-1', image_name: 'img-000', version_of: 'img-000' }]);
});
