/**
 * StackQL's awscc.tagging tables through SQL: a ccsql session over the real Tagging API client and
 * the emulator, which answers from the resources it holds. Values and the exact calls are asserted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TAGGED_ESTATE } from './support/tagging.js';
import { session } from './support/session.js';

const hideVpcId = (arn: unknown) => String(arn).replace(/vpc-[0-9a-f]+$/, 'vpc-…');

test('SELECT * FROM awscc.tagging.tagged_resources returns the region\'s tagged resources, tags as JSON, in one call', async (t) => {
  const s = await session(TAGGED_ESTATE);
  t.after(() => s.close());
  const result = await s.db.execute("SELECT * FROM awscc.tagging.tagged_resources WHERE region = 'us-east-1'");
  assert.deepEqual(result.columns, ['region', 'account_id', 'ResourceARN', 'Tags', 'ComplianceDetails']);
  assert.deepEqual(result.rows.map((r) => ({ ...r, ResourceARN: hideVpcId(r.ResourceARN) })), [
    { region: 'us-east-1', account_id: '123456789012', ResourceARN: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-…', Tags: '[{"Key":"env","Value":"dev"}]', ComplianceDetails: null },
    { region: 'us-east-1', account_id: '123456789012', ResourceARN: 'arn:aws:s3:::logs', Tags: '[{"Key":"team","Value":"data"},{"Key":"env","Value":"prod"}]', ComplianceDetails: null },
    { region: 'us-east-1', account_id: '123456789012', ResourceARN: 'arn:aws:sagemaker:us-east-1:123456789012:image/tagged', Tags: '[{"Key":"team","Value":"ml"}]', ComplianceDetails: null },
  ]);
  // account_id is read (SELECT *): the account's id is asked of STS once, beside the call.
  assert.deepEqual(s.take().sort(), ['GetCallerIdentity us-east-1', 'GetResources us-east-1']);
});

test('tagged_resources takes StackQL\'s filters as WHERE parameters, and json_each reads the tags', async (t) => {
  const s = await session(TAGGED_ESTATE);
  t.after(() => s.close());
  const result = await s.db.execute(
    `SELECT r.ResourceARN, t.value ->> 'Value' AS team FROM awscc.tagging.tagged_resources r, json_each(r.Tags) t
     WHERE r.region = 'us-east-1' AND r.ResourceTypeFilters = '["s3:bucket","sagemaker"]' AND r.TagFilters = '[{"Key":"team"}]' AND t.value ->> 'Key' = 'team'`,
  );
  assert.deepEqual(result.rows, [
    { ResourceARN: 'arn:aws:s3:::logs', team: 'data' },
    { ResourceARN: 'arn:aws:sagemaker:us-east-1:123456789012:image/tagged', team: 'ml' },
  ]);
  assert.deepEqual(s.take(), ['GetResources us-east-1']);
  const eu = await s.db.execute("SELECT ResourceARN FROM awscc.tagging.tagged_resources WHERE region = 'eu-west-1' AND ResourceTypeFilters = 's3:bucket'");
  assert.deepEqual(eu.rows, [{ ResourceARN: 'arn:aws:s3:::eu-logs' }]);
  assert.deepEqual(s.take(), ['GetResources eu-west-1']);
});

test('tag_keys and tag_values list the keys and a key\'s values, one row per region; tag_values needs Key', async (t) => {
  const s = await session(TAGGED_ESTATE);
  t.after(() => s.close());
  const keys = await s.db.execute("SELECT * FROM awscc.tagging.tag_keys WHERE region = 'us-east-1'");
  assert.deepEqual(keys.rows, [{ region: 'us-east-1', account_id: '123456789012', TagKeys: '["env","team"]', PaginationToken: null }]);
  const values = await s.db.execute("SELECT v.value AS value FROM awscc.tagging.tag_values tv, json_each(tv.TagValues) v WHERE tv.region = 'us-east-1' AND tv.Key = 'team'");
  assert.deepEqual(values.rows, [{ value: 'data' }, { value: 'ml' }]);
  assert.deepEqual(s.take().sort(), ['GetCallerIdentity us-east-1', 'GetTagKeys us-east-1', 'GetTagValues team us-east-1']);
  await assert.rejects(s.db.execute("SELECT * FROM awscc.tagging.tag_values WHERE region = 'us-east-1'"), (e: Error & { code?: string }) => e.code === 'MISSING_LIST_KEY');
  await assert.rejects(s.db.execute("SELECT * FROM awscc.tagging.tagged_resources WHERE region = 'us-east-1' AND TagFilters = '{oops'"), (e: Error & { code?: string }) => e.code === 'INVALID_JSON');
  assert.deepEqual(s.take(), []);
});

test('compliance_summary and report_creation answer as an account without tag policies', async (t) => {
  const s = await session(TAGGED_ESTATE);
  t.after(() => s.close());
  const summary = await s.db.execute("SELECT * FROM awscc.tagging.compliance_summary WHERE region = 'us-east-1' AND GroupBy = '[\"RESOURCE_TYPE\"]'");
  assert.deepEqual(summary.rows, [{ region: 'us-east-1', account_id: '123456789012', SummaryList: '[]', PaginationToken: null }]);
  const report = await s.db.execute("SELECT * FROM awscc.tagging.report_creation WHERE region = 'us-east-1'");
  assert.deepEqual(report.rows, [{ region: 'us-east-1', account_id: '123456789012', Status: 'NO REPORT', S3Location: null, ErrorMessage: null }]);
  assert.deepEqual(s.take().sort(), ['DescribeReportCreation us-east-1', 'GetCallerIdentity us-east-1', 'GetComplianceSummary us-east-1']);
});

test('tagged_resources reads every page, with the page size at the API\'s largest', async (t) => {
  const many = { resources: Array.from({ length: 130 }, (_, i) => ({ TypeName: 'AWS::SQS::Queue', Region: 'us-east-1', Properties: { QueueName: `q${String(i).padStart(3, '0')}`, Tags: [{ Key: 'n', Value: String(i) }] } })) };
  const s = await session(many);
  t.after(() => s.close());
  const result = await s.db.execute("SELECT count(*) AS n, min(ResourceARN) AS first FROM awscc.tagging.tagged_resources WHERE region = 'us-east-1' AND ResourceTypeFilters = 'sqs:queue'");
  assert.deepEqual(result.rows, [{ n: 130, first: 'arn:aws:sqs:us-east-1:123456789012:q000' }]);
  const calls = s.emulator.calls.map((c) => [c.op, c.body.ResourcesPerPage, c.body.ResourceTypeFilters]);
  assert.deepEqual(calls, [['GetResources', 100, ['sqs:queue']], ['GetResources', 100, ['sqs:queue']]]);
  assert.deepEqual(s.take(), ['GetResources us-east-1', 'GetResources us-east-1 +page']);
});

test('a Tagging API call that fails in passing or is throttled is retried like a Cloud Control call', async (t) => {
  // Random throttling at a rate of one half, with a draw that throttles exactly when armed.
  let armed = false;
  const random = () => (armed ? ((armed = false), 0) : 0.99);
  const s = await session(TAGGED_ESTATE, {}, { throttleRate: 0.5, random });
  t.after(() => s.close());
  s.emulator.internalErrors(1, ['GetTagKeys']);
  const keys = await s.db.execute("SELECT TagKeys FROM awscc.tagging.tag_keys WHERE region = 'us-east-1'");
  assert.deepEqual(keys.rows, [{ TagKeys: '["env","team"]' }]);
  assert.deepEqual(s.emulator.calls.map((c) => `${c.op} ${c.error ?? 'ok'}`), ['GetTagKeys InternalServiceException', 'GetTagKeys ok']);
  s.take();
  armed = true;
  const report = await s.db.execute("SELECT Status FROM awscc.tagging.report_creation WHERE region = 'us-east-1'");
  assert.deepEqual(report.rows, [{ Status: 'NO REPORT' }]);
  assert.deepEqual(s.emulator.calls.map((c) => `${c.op} ${c.error ?? 'ok'}`), ['DescribeReportCreation ThrottledException', 'DescribeReportCreation ok']);
  assert.equal(s.db.cloud.stats.throttles, 1);
});
