import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { cloudControlClient } from './support/clients.js';
import { imageArn, imageEstate, ROLE, session } from './support/session.js';
import { fill, seedsAvailable, seedStatements } from './support/seeds.js';

const VERSION_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:image-version/img-000/1';

test('every SELECT of the seed pages runs verbatim once its placeholders are filled', { skip: !seedsAvailable() && 'the seed pages (../shared/seeds) are not here' }, async (t) => {
  const s = await session({
    resources: [...imageEstate(2, 1).resources, {
      TypeName: 'AWS::ImageBuilder::Image', Region: 'us-east-1',
      Properties: { ImageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0', InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i' },
    }],
  });
  t.after(() => s.close());
  const [builder] = await s.db.query("SELECT arn FROM awscc.imagebuilder.images_list_only WHERE region = 'us-east-1'");
  const values: Record<string, string> = {
    region: 'us-east-1', image_arn: imageArn('img-000'), ImageArn: imageArn('img-000'),
    image_version_arn: VERSION_ARN, ImageVersionArn: VERSION_ARN, Arn: String(builder!.arn),
  };
  const selects = seedStatements().filter((st) => /^SELECT/i.test(st.sql));
  assert.ok(selects.length >= 8, `found ${selects.length} SELECT statements`);
  for (const { file, sql } of selects) {
    const rows = await s.db.query(fill(sql, values));
    assert.ok(rows.length >= 1, `${file}: ${sql.split('\n').join(' ')} returned no row`);
    assert.equal(rows[0]!.region, 'us-east-1', `${file}: region column`);
  }
});

test('the generic cloud_control tables and the caller identity', async (t) => {
  const s = await session(imageEstate(2));
  t.after(() => s.close());
  // One request made by another client, for resource_requests to list.
  const made = await cloudControlClient(s.emulator.url).send(new CreateResourceCommand({ TypeName: 'AWS::SageMaker::Image', DesiredState: JSON.stringify({ ImageName: 'made', ImageRoleArn: ROLE }) }));
  s.take();
  const listed = await s.db.query("SELECT Identifier FROM awscc.cloud_control.resources WHERE region = 'us-east-1' AND data__TypeName = 'AWS::SageMaker::Image' ORDER BY 1");
  assert.deepEqual(listed.map((r) => r.Identifier), [imageArn('img-000'), imageArn('img-001'), imageArn('made')]);
  const [one] = await s.db.query("SELECT json_extract(Properties, '$.ImageName') AS n FROM awscc.cloud_control.resource WHERE TypeName = 'AWS::SageMaker::Image' AND Identifier = ?", [imageArn('img-001')]);
  assert.equal(one!.n, 'img-001');
  const requests = await s.db.query("SELECT TypeName, Identifier, RequestToken, Operation, OperationStatus FROM awscc.cloud_control.resource_requests WHERE region = 'us-east-1'");
  assert.deepEqual(requests, [{ TypeName: 'AWS::SageMaker::Image', Identifier: imageArn('made'), RequestToken: made.ProgressEvent!.RequestToken, Operation: 'CREATE', OperationStatus: 'SUCCESS' }]);
  const [who] = await s.db.query('SELECT account, arn FROM awscc.sts.caller_identity');
  assert.deepEqual(who, { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ccsql-test' });
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]), ['ListResources', 'GetResource', 'ListResourceRequests', 'GetCallerIdentity']);
});

test('metadata statements answer rows from the catalog without any call', async (t) => {
  const s = await session({ resources: [] });
  t.after(() => s.close());
  const services = await s.db.query("SHOW SERVICES IN awscc LIKE 'sage%'");
  assert.deepEqual(services.map((r) => r.name), ['sagemaker']);
  const resources = await s.db.query('SHOW RESOURCES IN awscc.sagemaker');
  assert.ok(resources.some((r) => r.id === 'awscc.sagemaker.image_versions'));
  assert.ok(resources.some((r) => r.id === 'awscc.sagemaker.images_list_only'));
  const described = await s.db.query('DESCRIBE awscc.sagemaker.images');
  assert.deepEqual(described.map((r) => r.name), ['image_name', 'image_arn', 'image_role_arn', 'image_display_name', 'image_description', 'tags', 'region']);
  assert.deepEqual(described.map((r) => [r.type, r.roles]), [
    ['string', 'required, create-only'],
    ['string', 'identifier, read-only'],
    ['string', 'required'],
    ['string', ''],
    ['string', ''],
    ['array', ''],
    ['string', 'request parameter'],
  ]);
  const versions = await s.db.query('DESCRIBE awscc.sagemaker.image_versions');
  assert.equal(versions.find((r) => r.name === 'image_name')!.roles, 'list key, required, create-only');
  assert.equal(versions.find((r) => r.name === 'image_version_arn')!.roles, 'identifier, read-only');
  const compound = await s.db.query('DESCRIBE awscc.apigateway.stages');
  assert.deepEqual(compound.filter((r) => String(r.roles).startsWith('identifier')).map((r) => [r.name, r.roles]), [
    ['rest_api_id', 'identifier (1 of 2), list key, required, create-only'],
    ['stage_name', 'identifier (2 of 2), create-only'],
  ]);
  const writeOnly = await s.db.query('DESCRIBE awscc.rds.db_instances');
  assert.match(String(writeOnly.find((r) => r.name === 'master_user_password')!.roles), /write-only/);
  const extended = await s.db.query('DESCRIBE EXTENDED awscc.sagemaker.images');
  assert.equal(extended[0]!.description, 'The name of the image.');
  const methods = await s.db.query('SHOW METHODS IN awscc.sagemaker.image_versions');
  assert.deepEqual(methods.map((m) => [m.MethodName, m.RequiredParams, m.SQLVerb]), [
    ['create_resource', 'ImageName, BaseImage, region', 'INSERT'],
    ['delete_resource', 'Identifier, region', 'DELETE'],
    ['update_resource', 'Identifier, PatchDocument, region', 'UPDATE'],
    ['list_resources', 'image_name, region', 'SELECT'],
    ['get_resource', 'Identifier, region', 'SELECT'],
  ]);
  assert.deepEqual(s.take(), []);
});
