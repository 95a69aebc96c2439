import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overlapped, peakInFlight } from '../src/emulator/index.js';
import { GATE_TIMEOUT, openWhenHeld } from './support/gate.js';
import { imageArn, imageEstate, session } from './support/session.js';

const IMAGE = 'AWS::SageMaker::Image';

test('WHERE Identifier = … is one GetResource and no listing', async (t) => {
  const s = await session(imageEstate(3));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT region, image_name, image_arn, image_role_arn, tags FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = ?", [imageArn('img-001')]);
  assert.deepEqual(rows, [{
    region: 'us-east-1', image_name: 'img-001', image_arn: imageArn('img-001'),
    image_role_arn: 'arn:aws:iam::123456789012:role/sagemaker', tags: '[{"Key":"team","Value":"ml"}]',
  }]);
  assert.deepEqual(s.take(), [`GetResource ${IMAGE} ${imageArn('img-001')} us-east-1`]);
});

test('a missing resource looked up by Identifier is no row, not an error', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT * FROM awscc.sagemaker.images WHERE Identifier = 'arn:aws:sagemaker:us-east-1:123456789012:image/none'"), []);
  // SELECT * reads account_id too: the account's id is asked of STS once per session, beside the read.
  assert.deepEqual(s.take().sort(), ['GetCallerIdentity us-east-1', `GetResource ${IMAGE} arn:aws:sagemaker:us-east-1:123456789012:image/none us-east-1`]);
});

test('an IN list of identifiers makes one GetResource per value, concurrently', GATE_TIMEOUT, async (t) => {
  const s = await session(imageEstate(4));
  t.after(() => s.close());
  const ids = ['img-000', 'img-001', 'img-002'].map((n) => imageArn(n));
  const gate = s.emulator.gate(['GetResource']);
  const rows = await openWhenHeld(gate, 3, s.db.query(`SELECT image_name FROM awscc.sagemaker.images WHERE Identifier IN (?, ?, ?) ORDER BY 1`, ids));
  assert.deepEqual(rows.map((r) => r.image_name), ['img-000', 'img-001', 'img-002']);
  const calls = s.emulator.calls;
  assert.deepEqual(calls.map((c) => c.op), ['GetResource', 'GetResource', 'GetResource']);
  assert.equal(peakInFlight(calls), 3, 'the three lookups were in flight together');
});

test('without Identifier: every page of ListResources, then GetResource for each item', async (t) => {
  const s = await session(imageEstate(60));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_name");
  assert.equal(rows.length, 60);
  assert.deepEqual(rows[59], { image_name: 'img-059', image_description: 'image 59' });
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.startsWith('List')), [
    `ListResources ${IMAGE} us-east-1`, `ListResources ${IMAGE} us-east-1 +page`, `ListResources ${IMAGE} us-east-1 +page`,
  ]);
  const gets = calls.filter((c) => c.startsWith('GetResource'));
  assert.equal(gets.length, 60);
  assert.equal(new Set(gets).size, 60, 'each resource fetched once');
});

test('_list_only lists identifiers and makes no GetResource', async (t) => {
  const s = await session(imageEstate(30));
  t.after(() => s.close());
  const result = await s.db.execute("SELECT * FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'");
  assert.deepEqual(result.columns, ['region', 'account_id', 'image_arn']);
  assert.equal(result.rows.length, 30);
  assert.ok(result.rows.every((r) => r.account_id === '123456789012'));
  assert.deepEqual(s.take().sort(), ['GetCallerIdentity us-east-1', `ListResources ${IMAGE} us-east-1`, `ListResources ${IMAGE} us-east-1 +page`]);
});

// ccsql asks for MaxResults 100, which ListResources does not honour (src/cloud/paging.ts): S3's handler
// answers 1,000 a page. A page far larger than asked is read whole, and a LIMIT still stops at one page.
test('a listing page larger than the MaxResults asked (1,000, as S3 answers) is read whole', async (t) => {
  const s = await session(imageEstate(1200), {}, { listPageSize: 1000 });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1'"), [{ n: 1200 }]);
  assert.deepEqual(s.take(), [`ListResources ${IMAGE} us-east-1`, `ListResources ${IMAGE} us-east-1 +page`]);
  assert.equal((await s.db.query("SELECT image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-east-1' LIMIT 3")).length, 3);
  assert.deepEqual(s.take(), [`ListResources ${IMAGE} us-east-1`]);
});

test('region: = calls one region, IN fans out, none uses the session regions and shows the real region', GATE_TIMEOUT, async (t) => {
  const s = await session(imageEstate(2), { regions: ['us-east-1', 'us-west-2'] });
  t.after(() => s.close());
  await s.db.query("SELECT region, image_arn FROM awscc.sagemaker.images_list_only WHERE region = 'us-west-2'");
  assert.deepEqual(s.take(), [`ListResources ${IMAGE} us-west-2`]);

  const gate = s.emulator.gate(['ListResources']);
  const both = await openWhenHeld(gate, 2, s.db.query("SELECT region, image_arn FROM awscc.sagemaker.images_list_only WHERE region IN ('us-east-1', 'us-west-2') ORDER BY region, image_arn"));
  assert.deepEqual(both.map((r) => r.region), ['us-east-1', 'us-east-1', 'us-west-2']);
  const calls = s.emulator.calls;
  assert.deepEqual(calls.map((c) => c.region).sort(), ['us-east-1', 'us-west-2']);
  assert.ok(overlapped(calls[0]!, calls[1]!), 'regions are listed in parallel');
  s.take();

  const all = await s.db.query('SELECT region, image_name FROM awscc.sagemaker.images ORDER BY region, image_name');
  assert.deepEqual(all, [
    { region: 'us-east-1', image_name: 'img-000' }, { region: 'us-east-1', image_name: 'img-001' },
    { region: 'us-west-2', image_name: 'west' },
  ]);
});

test('older spellings: aws. provider, data__Identifier, the get-only singular table with m_lframework', async (t) => {
  const s = await session(imageEstate(1, 1));
  t.after(() => s.close());
  const [image] = await s.db.query("SELECT image_name FROM aws.sagemaker.images WHERE region = 'us-east-1' AND data__Identifier = ?", [imageArn('img-000')]);
  assert.equal(image!.image_name, 'img-000');
  const versionArn = 'arn:aws:sagemaker:us-east-1:123456789012:image-version/img-000/1';
  const [version] = await s.db.query("SELECT image_name, version, m_lframework, horovod FROM awscc.sagemaker.image_version WHERE region = 'us-east-1' AND data__Identifier = ?", [versionArn]);
  assert.deepEqual(version, { image_name: 'img-000', version: 1, m_lframework: null, horovod: 1 });
  await assert.rejects(s.db.query("SELECT * FROM awscc.sagemaker.image_version WHERE region = 'us-east-1'"), { code: 'UNSUPPORTED_ACTION' });
});

test('names inside strings, quoted identifiers and comments are left alone', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  const rows = await s.db.query(`SELECT 'awscc.sagemaker.images' AS "awscc.x.y" -- awscc.sagemaker.images
    /* awscc.nothing.here */`);
  assert.deepEqual(rows, [{ 'awscc.x.y': 'awscc.sagemaker.images' }]);
  assert.deepEqual(s.take(), []);
});

test('a _list_only table shows every primary-identifier part, nested ones included', async (t) => {
  const s = await session({
    resources: [
      { TypeName: 'AWS::S3::StorageLens', Region: 'us-east-1', Properties: { StorageLensConfiguration: { Id: 'lens-1', IsEnabled: true, AccountLevel: { BucketLevel: {} } } } },
      { TypeName: 'AWS::QuickSight::RefreshSchedule', Region: 'us-east-1', Properties: { AwsAccountId: '123456789012', DataSetId: 'ds-1', Schedule: { ScheduleId: 'nightly', RefreshType: 'FULL_REFRESH', ScheduleFrequency: { Interval: 'DAILY' } } } },
    ],
  });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query("SELECT * FROM awscc.s3.storage_lens_list_only WHERE region = 'us-east-1'"), [{ region: 'us-east-1', account_id: '123456789012', storage_lens_configuration__id: 'lens-1' }]);
  assert.deepEqual(
    await s.db.query("SELECT * FROM awscc.quicksight.refresh_schedules_list_only WHERE region = 'us-east-1' AND aws_account_id = '123456789012' AND data_set_id = 'ds-1'"),
    [{ region: 'us-east-1', account_id: '123456789012', aws_account_id: '123456789012', data_set_id: 'ds-1', schedule__schedule_id: 'nightly' }],
  );
});
