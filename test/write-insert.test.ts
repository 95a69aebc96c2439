import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageArn, opsOf, ROLE, takeCalls, UUID, writeCalls, writeSession } from './support/writes.js';

const IMAGE = 'AWS::SageMaker::Image';
const RETURNING = 'RETURNING ErrorCode, EventTime, Identifier, Operation, OperationStatus, RequestToken, ResourceModel, RetryAfter, StatusMessage, TypeName';

test('INSERT with PascalCase columns sends one CreateResource, polls to SUCCESS and RETURNING gives the final event', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  const result = await s.db.execute(
    `/*+ create */ INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn, region) SELECT 'demo', '${ROLE}', 'us-east-1' ${RETURNING};`,
  );
  const calls = takeCalls(s);
  assert.deepEqual(opsOf(calls), ['CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  assert.deepEqual(calls[0]!.body.DesiredState, { ImageName: 'demo', ImageRoleArn: ROLE });
  assert.equal(calls[0]!.body.TypeName, IMAGE);
  assert.match(String(calls[0]!.body.ClientToken), UUID);
  assert.deepEqual(Object.keys(calls[0]!.body).sort(), ['ClientToken', 'DesiredState', 'TypeName']);
  assert.equal(calls[0]!.region, 'us-east-1');
  assert.equal(calls[1]!.body.RequestToken, calls[2]!.body.RequestToken);

  assert.equal(result.changes, 1);
  assert.deepEqual(result.columns, ['ErrorCode', 'EventTime', 'Identifier', 'Operation', 'OperationStatus', 'RequestToken', 'ResourceModel', 'RetryAfter', 'StatusMessage', 'TypeName']);
  const [row] = result.rows;
  assert.equal(row!.OperationStatus, 'SUCCESS');
  assert.equal(row!.Identifier, imageArn('demo'));
  assert.equal(row!.Operation, 'CREATE');
  assert.equal(row!.TypeName, IMAGE);
  assert.equal(row!.RequestToken, calls[1]!.body.RequestToken);
  assert.equal(row!.ErrorCode, null);

  const [read] = await s.db.query(`SELECT image_name, image_role_arn FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('demo')}'`);
  assert.deepEqual(read, { image_name: 'demo', image_role_arn: ROLE });
});

test('snake_case columns, multi-row VALUES and typed values: booleans, integers and JSON text become JSON', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  await s.db.execute(`INSERT INTO awscc.sagemaker.images (image_name, image_role_arn, tags) VALUES ('a', '${ROLE}', '[{"Key":"k","Value":"v"}]'), ('b', '${ROLE}', NULL)`);
  await s.db.execute(
    `INSERT INTO awscc.sagemaker.image_versions (ImageName, BaseImage, Horovod, Aliases, MLFramework, job_type) VALUES ('a', 'img:1', 'true', '["x","y"]', 'PyTorch 2.1', 'TRAINING')`,
  );
  const sent = writeCalls(takeCalls(s));
  assert.deepEqual(sent, [
    { op: 'CreateResource', region: 'us-east-1', body: { TypeName: IMAGE, DesiredState: { ImageName: 'a', ImageRoleArn: ROLE, Tags: [{ Key: 'k', Value: 'v' }] } } },
    { op: 'CreateResource', region: 'us-east-1', body: { TypeName: IMAGE, DesiredState: { ImageName: 'b', ImageRoleArn: ROLE } } },
    {
      op: 'CreateResource',
      region: 'us-east-1',
      body: { TypeName: 'AWS::SageMaker::ImageVersion', DesiredState: { ImageName: 'a', BaseImage: 'img:1', Aliases: ['x', 'y'], MLFramework: 'PyTorch 2.1', JobType: 'TRAINING', Horovod: true } },
    },
  ]);
});

test('INSERT … SELECT from a local table, with the region column choosing where each resource goes', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  await s.db.execute('CREATE TABLE wanted (name TEXT, region TEXT)');
  await s.db.execute("INSERT INTO wanted VALUES ('east', 'us-east-1'), ('west', 'us-west-2')");
  const result = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn, region) SELECT name, '${ROLE}', region FROM wanted RETURNING Identifier, OperationStatus`);
  const sent = writeCalls(takeCalls(s));
  assert.deepEqual(
    sent.map((c) => [c.region, (c.body.DesiredState as { ImageName: string }).ImageName]).sort(),
    [['us-east-1', 'east'], ['us-west-2', 'west']],
  );
  assert.deepEqual(result.rows, [
    { Identifier: imageArn('east'), OperationStatus: 'SUCCESS' },
    { Identifier: imageArn('west', 'us-west-2'), OperationStatus: 'SUCCESS' },
  ]);
});

test('ClientToken, RoleArn and TypeVersionId are passed to Cloud Control, not into DesiredState', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  const token = '11111111-2222-3333-4444-555555555555';
  await s.db.execute(
    `INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn, ClientToken, RoleArn, TypeVersionId) VALUES ('c', '${ROLE}', '${token}', 'arn:aws:iam::123456789012:role/cc', '00000001')`,
  );
  const [create] = takeCalls(s);
  assert.deepEqual(create!.body, {
    TypeName: IMAGE,
    DesiredState: { ImageName: 'c', ImageRoleArn: ROLE },
    ClientToken: token,
    RoleArn: 'arn:aws:iam::123456789012:role/cc',
    TypeVersionId: '00000001',
  });
});

test('/*+ nowait */ and the session option return the first event after one call', async (t) => {
  const s = await writeSession(undefined, {}, { asyncPolls: 3 });
  t.after(() => s.close());
  const hinted = await s.db.execute(`/*+ create, nowait */ INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('n1', '${ROLE}') RETURNING OperationStatus, Operation`);
  assert.deepEqual(hinted.rows, [{ OperationStatus: 'IN_PROGRESS', Operation: 'CREATE' }]);
  assert.deepEqual(opsOf(takeCalls(s)), ['CreateResource']);

  const option = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('n2', '${ROLE}') RETURNING OperationStatus`, [], { nowait: true });
  assert.deepEqual(option.rows, [{ OperationStatus: 'IN_PROGRESS' }]);
  assert.deepEqual(opsOf(takeCalls(s)), ['CreateResource']);
  const [journal] = await s.db.query<{ n: number }>("SELECT count(*) AS n FROM ccsql_requests WHERE status = 'IN_PROGRESS' AND finished_at IS NULL");
  assert.equal(journal!.n, 2);
});

test('ccsql_requests holds one row per change with its documents, tokens, status and timestamps', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('j', '${ROLE}')`);
  const calls = takeCalls(s);
  const rows = await s.db.query('SELECT * FROM ccsql_requests');
  assert.equal(rows.length, 1);
  const row = rows[0]!;
  assert.equal(row.type_name, IMAGE);
  assert.equal(row.table_name, 'awscc.sagemaker.images');
  assert.equal(row.region, 'us-east-1');
  assert.equal(row.operation, 'CREATE');
  assert.equal(row.identifier, imageArn('j'));
  assert.deepEqual(JSON.parse(String(row.desired_state)), { ImageName: 'j', ImageRoleArn: ROLE });
  assert.equal(row.patch_document, null);
  assert.equal(row.client_token, calls[0]!.body.ClientToken);
  assert.equal(row.request_token, calls[1]!.body.RequestToken);
  assert.equal(row.status, 'SUCCESS');
  for (const column of ['created_at', 'sent_at', 'updated_at', 'finished_at']) assert.ok(!Number.isNaN(Date.parse(String(row[column]))), column);
});

test('a write without RETURNING reports its changes and events but no rows', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  const result = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('r1', '${ROLE}'), ('r2', '${ROLE}')`);
  assert.equal(result.changes, 2);
  assert.deepEqual(result.rows, []);
  assert.deepEqual(result.events?.map((e) => e.OperationStatus), ['SUCCESS', 'SUCCESS']);
  const star = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('r3', '${ROLE}') RETURNING *`);
  assert.equal(star.columns.length, 11);
  assert.equal(star.columns.at(-1), 'region');
});

test('an INSERT naming no region goes to the one default region, shown by RETURNING region; with several it fails naming them', async (t) => {
  const s = await writeSession(undefined, { regions: ['eu-west-1'] });
  t.after(() => s.close());
  const result = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('one', '${ROLE}') RETURNING Identifier, region`);
  assert.deepEqual(result.rows, [{ Identifier: imageArn('one', 'eu-west-1'), region: 'eu-west-1' }]);
  assert.equal(writeCalls(takeCalls(s))[0]!.region, 'eu-west-1');
  s.db.regions = ['us-east-1', 'eu-west-1'];
  await assert.rejects(s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('two', '${ROLE}')`), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'INVALID_VALUE');
    assert.match(e.message, /several default regions are set \(us-east-1, eu-west-1\)/);
    return true;
  });
  assert.deepEqual(takeCalls(s), []);
  const named = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn, region) VALUES ('three', '${ROLE}', 'us-east-1') RETURNING region`);
  assert.deepEqual(named.rows, [{ region: 'us-east-1' }]);
});
