/**
 * Every INSERT, UPDATE and DELETE of the seed pages runs verbatim once its placeholders are filled:
 * `{{ name }}` and `<Name>` from a value table, and the `{{ {…} | generate_patch_document }}` Jinja
 * expressions with a literal patch, as StackQL's renderer would produce.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fill, seedsAvailable, seedStatements } from './support/seeds.js';
import { ROLE, takeCalls, writeCalls, writeSession } from './support/writes.js';

const ARN = (kind: string) => `arn:aws:imagebuilder:us-east-1:123456789012:${kind}`;
const BUILDER = {
  ImageScanningConfiguration: '{"ImageScanningEnabled": true}',
  ContainerRecipeArn: ARN('container-recipe/c/1.0.0'),
  Workflows: `[{"WorkflowArn": "${ARN('workflow/build/w/1.0.0')}", "OnFailure": "ABORT"}]`,
  InfrastructureConfigurationArn: ARN('infrastructure-configuration/i'),
  ImageRecipeArn: ARN('image-recipe/r/1.0.0'),
  DistributionConfigurationArn: ARN('distribution-configuration/d'),
  ImageTestsConfiguration: '{"ImageTestsEnabled": true, "TimeoutMinutes": 60}',
  EnhancedImageMetadataEnabled: 'true',
  ExecutionRole: ROLE,
  Tags: '{"team": "ml"}',
};
const IMAGE = {
  ImageRoleArn: ROLE, image_role_arn: ROLE, ImageDisplayName: 'Seed image', ImageDescription: 'from the seed page',
  Tags: '[{"Key": "team", "Value": "ml"}]', region: 'us-east-1',
};
const VERSION = {
  image_name: 'seed-base', base_image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/seed:1', alias: 'stable', aliases: '["latest"]',
  vendor_guidance: 'STABLE', job_type: 'TRAINING', ml_framework: 'PyTorch 2.1', programming_lang: 'Python 3.10', processor: 'GPU',
  horovod: 'false', release_notes: 'first', region: 'us-east-1',
};
const PATCHES: Record<string, unknown[]> = {
  sagemaker_image: [{ op: 'add', path: '/ImageDescription', value: 'patched' }, { op: 'add', path: '/Tags', value: [{ Key: 'k', Value: 'v' }] }],
  image_version: [{ op: 'add', path: '/JobType', value: 'INFERENCE' }, { op: 'add', path: '/Horovod', value: true }],
  imagebuilder_image: [{ op: 'add', path: '/ExecutionRole', value: ROLE }, { op: 'add', path: '/Tags', value: { k: 'v' } }],
};

const JINJA_PATCH = /\{\{\s*\{[\s\S]*?\}\s*\|\s*generate_patch_document\s*\}\}/g;
const isWrite = (sql: string) => /^\s*(\/\*\+[^*]*\*\/\s*)?(INSERT|UPDATE|DELETE)\b/i.test(sql);

function valuesFor(sql: string, n: number, created: string | undefined): { values: Record<string, string>; patch?: unknown[] } {
  const id = created ?? 'none';
  if (/imagebuilder/.test(sql)) return { values: { ...BUILDER, region: 'us-east-1', Arn: id }, patch: PATCHES.imagebuilder_image };
  if (/image_versions/.test(sql)) return { values: { ...VERSION, image_version_arn: id }, patch: PATCHES.image_version };
  const name = `seed-image-${n}`;
  return { values: { ...IMAGE, ImageName: name, image_name: name, image_arn: id, ImageArn: id }, patch: PATCHES.sagemaker_image };
}

test('every seed INSERT, UPDATE and DELETE runs verbatim with its placeholders filled', { skip: !seedsAvailable() }, async (t) => {
  const base = { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'seed-base', ImageRoleArn: ROLE } };
  const s = await writeSession({ resources: [base] });
  t.after(() => s.close());
  const writes = seedStatements().filter((st) => isWrite(st.sql));
  assert.ok(writes.length >= 12, `found ${writes.length} seed writes`);
  const created = new Map<string, string>();
  let n = 0;
  for (const { file, sql } of writes) {
    n += 1;
    const verb = /(INSERT|UPDATE|DELETE)/i.exec(sql)![1]!.toUpperCase();
    const table = /(?:INTO|UPDATE|FROM)\s+([\w.]+)/i.exec(sql)![1]!.replace(/^aws\./, 'awscc.');
    const { values, patch } = valuesFor(sql, n, created.get(table));
    const filled = fill(sql.replace(JINJA_PATCH, JSON.stringify(patch)), values);
    assert.doesNotMatch(filled, /\{\{|<\w+>/, `${file}: unfilled placeholder in\n${filled}`);
    takeCalls(s);
    const result = await s.db.execute(filled);
    const sent = writeCalls(takeCalls(s));
    assert.equal(sent.length, 1, `${file}: ${filled}`);
    assert.equal(sent[0]!.op, { INSERT: 'CreateResource', UPDATE: 'UpdateResource', DELETE: 'DeleteResource' }[verb]);
    assert.deepEqual(result.events?.map((e) => e.OperationStatus), ['SUCCESS'], `${file}: ${filled}`);
    if (verb === 'INSERT') created.set(table, result.events![0]!.Identifier!);
    if (verb === 'UPDATE') assert.deepEqual(sent[0]!.body.PatchDocument, patch);
    if (verb !== 'INSERT') assert.equal(sent[0]!.body.Identifier, created.get(table));
    if (/RETURNING/.test(sql)) assert.equal(result.rows[0]!.OperationStatus, 'SUCCESS');
  }
});
