/**
 * The hidden `resource_model` column: the whole Properties document, read before the catalog knows
 * a property and written under the named columns. The endpoint serves a LogGroup newer than the
 * bundled catalog (RetentionPolicyTier), as an account's Cloud Control can be.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CcsqlWarning } from '../src/index.js';
import { takeCalls, writeCalls, writeSession } from './support/writes.js';

const SCHEMAS = new URL('./fixtures/registry-schemas', import.meta.url).pathname;
const GROUP = 'AWS::Logs::LogGroup';
const seed = { resources: [{ TypeName: GROUP, Properties: { LogGroupName: '/a', RetentionInDays: 7, RetentionPolicyTier: 'HOT' } }] };

test('resource_model reads the whole model; SELECT * leaves it out; an unknown property is said once', async (t) => {
  const warnings: CcsqlWarning[] = [];
  const s = await writeSession(seed, { onWarning: (w) => warnings.push(w) }, { schemas: SCHEMAS });
  t.after(() => s.close());
  const [star] = await s.db.query("SELECT * FROM awscc.logs.log_groups WHERE Identifier = '/a'");
  assert.equal('resource_model' in star!, false);
  const [row] = await s.db.query("SELECT retention_in_days, json_extract(resource_model, '$.RetentionPolicyTier') AS tier, json_extract(resource_model, '$.Arn') AS arn FROM awscc.logs.log_groups");
  assert.deepEqual(row, { retention_in_days: 7, tier: 'HOT', arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/a:*' });
  assert.equal(warnings.length, 1);
  assert.deepEqual(warnings[0]!.properties, ['RetentionPolicyTier']);
  // Reading only identifiers from the listing still makes no GetResource; reading resource_model does.
  takeCalls(s);
  await s.db.query('SELECT log_group_name FROM awscc.logs.log_groups');
  assert.deepEqual(takeCalls(s).map((c) => c.op), ['ListResources']);
  await s.db.query('SELECT resource_model FROM awscc.logs.log_groups');
  assert.deepEqual(takeCalls(s).map((c) => c.op), ['ListResources', 'GetResource']);
});

test('INSERT takes resource_model with the named columns merged over it; UPDATE patches what it changes', async (t) => {
  const s = await writeSession({ resources: [] }, {}, { schemas: SCHEMAS });
  t.after(() => s.close());
  await s.db.query(`INSERT INTO awscc.logs.log_groups (log_group_name, retention_in_days, resource_model, region) VALUES ('/b', 14, json('{"RetentionPolicyTier":"COLD","RetentionInDays":1}'), 'us-east-1')`);
  assert.deepEqual(writeCalls(takeCalls(s)), [
    { op: 'CreateResource', region: 'us-east-1', body: { TypeName: GROUP, DesiredState: { RetentionPolicyTier: 'COLD', RetentionInDays: 14, LogGroupName: '/b' } } },
  ]);
  await s.db.query(`UPDATE awscc.logs.log_groups SET resource_model = json_set(resource_model, '$.RetentionPolicyTier', 'HOT') WHERE Identifier = '/b'`);
  assert.deepEqual(writeCalls(takeCalls(s)), [
    { op: 'UpdateResource', region: 'us-east-1', body: { TypeName: GROUP, Identifier: '/b', PatchDocument: [{ op: 'replace', path: '/RetentionPolicyTier', value: 'HOT' }] } },
  ]);
  const [row] = await s.db.query("SELECT json_extract(resource_model, '$.RetentionPolicyTier') AS tier, retention_in_days FROM awscc.logs.log_groups WHERE Identifier = '/b'");
  assert.deepEqual(row, { tier: 'HOT', retention_in_days: 14 });
});

test('resource_model that is no JSON object is refused before any call; a property the endpoint rejects fails there', async (t) => {
  const s = await writeSession({ resources: [] }, {}, { schemas: SCHEMAS });
  t.after(() => s.close());
  await assert.rejects(s.db.query("INSERT INTO awscc.logs.log_groups (resource_model, region) VALUES ('{nope', 'us-east-1')"), (e: { code?: string; details?: { column?: string } }) => e.code === 'INVALID_JSON' && e.details?.column === 'resource_model');
  await assert.rejects(s.db.query("INSERT INTO awscc.logs.log_groups (resource_model, region) VALUES ('[1]', 'us-east-1')"), (e: { code?: string }) => e.code === 'INVALID_VALUE');
  assert.deepEqual(takeCalls(s), []);
  await assert.rejects(s.db.query(`INSERT INTO awscc.logs.log_groups (resource_model, region) VALUES (json('{"LogGroupName":"/c","Bogus":1}'), 'us-east-1')`), (e: { code?: string; message: string }) => {
    assert.match(e.message, /Bogus/);
    return true;
  });
  assert.deepEqual(takeCalls(s).map((c) => [c.op, c.error]), [['CreateResource', 'ValidationException']]);
});
