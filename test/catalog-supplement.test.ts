/** The catalog's second input: the AWS CDK's service spec adds columns and references, never overrides. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../src/catalog/build.js';
import type { RegistrySchema } from '../src/catalog/generate.js';
import { defaultCatalog } from '../src/catalog/index.js';
import type { Supplement } from '../src/catalog/supplement.js';
import { docsPage } from '../src/table-page.js';
import { session } from './support/session.js';

const schema: RegistrySchema = {
  typeName: 'AWS::X::Thing',
  properties: { Name: { type: 'string' }, Arn: { type: 'string' }, RoleArn: { type: 'integer' } },
  primaryIdentifier: ['/properties/Arn'],
  readOnlyProperties: ['/properties/Arn'],
  writeOnlyProperties: ['/properties/Name'],
  handlers: { read: { permissions: ['x:Get'] } },
};

const supplement: Supplement = {
  input: 'spec@1',
  source: 'service-spec',
  types: new Map([
    ['AWS::X::Thing', {
      properties: [
        { property: 'RoleArn', type: 'string', schema: { type: 'string' } },
        { property: 'Policy', type: 'object', schema: {}, description: 'A policy.' },
        { property: 'Version', type: 'string', schema: { type: 'string' }, readOnly: true },
        { property: 'Size', type: 'integer', schema: { type: 'integer' }, createOnly: true },
      ],
      refersTo: { RoleArn: [{ typeName: 'AWS::IAM::Role', property: 'Arn' }] },
    }],
  ]),
};

test('supplement properties become columns marked with their source; the registry keeps what it has', () => {
  const built = buildCatalog([schema], { supplement, inputs: ['schemas'] });
  const [type] = built.types;
  assert.deepEqual(type!.columns.map((c) => [c.name, c.type, c.source ?? 'registry']), [
    ['name', 'string', 'registry'], ['arn', 'string', 'registry'], ['role_arn', 'integer', 'registry'],
    ['policy', 'object', 'service-spec'], ['version', 'string', 'service-spec'], ['size', 'integer', 'service-spec'],
  ]);
  assert.deepEqual(type!.columns[2]!.refersTo, [{ typeName: 'AWS::IAM::Role', property: 'Arn' }]);
  assert.deepEqual(type!.readOnly, ['Arn', 'Version']);
  assert.deepEqual(type!.createOnly, ['Size']);
  assert.deepEqual(type!.writeOnly, ['Name']);
  assert.deepEqual(type!.schema.properties.RoleArn, { type: 'integer' });
  assert.deepEqual(JSON.parse(built.files.get('index.json')!).inputs, ['schemas', 'spec@1']);
});

test('the bundled catalog has the service spec columns of CloudWatch Logs and S3', () => {
  const logGroup = defaultCatalog().byTypeName('AWS::Logs::LogGroup')!;
  for (const property of ['FieldIndexPolicies', 'ResourcePolicyDocument', 'DeletionProtectionEnabled']) {
    assert.equal(logGroup.columns.find((c) => c.property === property)?.source, 'service-spec', property);
  }
  const bucket = defaultCatalog().byTypeName('AWS::S3::Bucket')!;
  assert.equal(bucket.columns.find((c) => c.property === 'MetadataConfiguration')?.source, 'service-spec');
});

test('DESCRIBE and ccsql docs say where a column comes from and what it refers to', async (t) => {
  const s = await session({ resources: [] });
  t.after(() => s.close());
  const rows = await s.db.query('DESCRIBE awscc.logs.log_groups');
  const byName = new Map(rows.map((r) => [r.name, r]));
  assert.deepEqual(byName.get('field_index_policies'), { name: 'field_index_policies', type: 'array', roles: '', source: 'AWS CDK service spec', refers_to: '' });
  assert.deepEqual(byName.get('kms_key_id'), { name: 'kms_key_id', type: 'string', roles: '', source: 'registry schema', refers_to: 'awscc.kms.keys.arn' });
  const extended = await s.db.query('DESCRIBE EXTENDED awscc.logs.log_groups');
  assert.equal(extended.at(-1)!.name, 'resource_model');
  const resolved = defaultCatalog().resolve('awscc.logs.log_groups')!;
  const page = docsPage(defaultCatalog(), 'awscc.logs.log_groups', resolved);
  assert.match(page, /\| `kms_key_id` \| `string` \| registry schema \| .* Refers to `awscc\.kms\.keys\.arn`\. \|/);
  assert.match(page, /\| `field_index_policies` \| `array` \| AWS CDK service spec \|/);
  assert.match(page, /\| `resource_model` \| `object` \| Cloud Control \|/);
  assert.deepEqual(s.take(), []);
});
