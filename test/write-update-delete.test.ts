import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCcsqlError, type PlannedCall } from '../src/index.js';
import { imageArn, opsOf, ROLE, takeCalls, writeCalls, writeSession } from './support/writes.js';

const IMAGE = 'AWS::SageMaker::Image';
const image = (name: string, extra: Record<string, unknown> = {}) => ({ TypeName: IMAGE, Region: 'us-east-1', Properties: { ImageName: name, ImageRoleArn: ROLE, ...extra } });
const seed = {
  resources: [
    image('dev-a', { ImageDescription: 'old', Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'env', Value: 'dev' }] }),
    image('dev-b', { ImageDescription: 'old' }),
    image('prod-a', { ImageDescription: 'old' }),
    { TypeName: 'AWS::ImageBuilder::Image', Region: 'us-east-1', Properties: { ImageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0', InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i', ImageScanningConfiguration: { ImageScanningEnabled: true, EcrConfiguration: { RepositoryName: 'repo' } }, Tags: { a: '1' } } },
  ],
};
const yes = async (): Promise<boolean> => true;

test('UPDATE by column sends, per matching resource, the minimal patch against the live model', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const result = await s.db.execute(
    "UPDATE awscc.sagemaker.images SET image_description = 'x' WHERE region = 'us-east-1' AND image_name LIKE 'dev-%' RETURNING Identifier, OperationStatus",
    [],
    { confirm: yes },
  );
  const sent = writeCalls(takeCalls(s)).sort((a, b) => String(a.body.Identifier).localeCompare(String(b.body.Identifier)));
  assert.deepEqual(sent, [
    { op: 'UpdateResource', region: 'us-east-1', body: { TypeName: IMAGE, Identifier: imageArn('dev-a'), PatchDocument: [{ op: 'replace', path: '/ImageDescription', value: 'x' }] } },
    { op: 'UpdateResource', region: 'us-east-1', body: { TypeName: IMAGE, Identifier: imageArn('dev-b'), PatchDocument: [{ op: 'replace', path: '/ImageDescription', value: 'x' }] } },
  ]);
  assert.deepEqual(result.rows.map((r) => r.OperationStatus), ['SUCCESS', 'SUCCESS']);
  const after = await s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_name");
  assert.deepEqual(after.map((r) => r.image_description), ['x', 'x', 'old']);
});

test('arrays are replaced whole, objects diffed by key, NULL removes, unchanged values send nothing', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const one = `WHERE region = 'us-east-1' AND Identifier = '${imageArn('dev-a')}'`;
  await s.db.execute(`UPDATE awscc.sagemaker.images SET Tags = '[{"Key":"team","Value":"ml"},{"Key":"env","Value":"prod"}]', ImageDisplayName = 'Dev A', image_description = NULL ${one}`);
  const patch = writeCalls(takeCalls(s))[0]!.body.PatchDocument as { path: string }[];
  assert.deepEqual(patch.sort((a, b) => a.path.localeCompare(b.path)), [
    { op: 'remove', path: '/ImageDescription' },
    { op: 'add', path: '/ImageDisplayName', value: 'Dev A' },
    { op: 'replace', path: '/Tags', value: [{ Key: 'team', Value: 'ml' }, { Key: 'env', Value: 'prod' }] },
  ]);
  const unchanged = await s.db.execute(`UPDATE awscc.sagemaker.images SET image_role_arn = '${ROLE}' ${one}`);
  assert.equal(unchanged.changes, 0);
  assert.deepEqual(writeCalls(takeCalls(s)), []);

  const [builder] = await s.db.query<{ arn: string }>("SELECT arn FROM awscc.imagebuilder.images WHERE region = 'us-east-1'");
  takeCalls(s);
  await s.db.execute(`UPDATE awscc.imagebuilder.images SET tags = '{"a":"1","b":"2"}' WHERE region = 'us-east-1' AND Identifier = '${builder!.arn}'`);
  assert.deepEqual(writeCalls(takeCalls(s))[0]!.body.PatchDocument, [{ op: 'add', path: '/Tags/b', value: '2' }]);
});

test('SET PatchDocument passes a patch through as given', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const patch = [{ op: 'replace', path: '/ImageDescription', value: 'from patch' }, { op: 'remove', path: '/Tags' }];
  await s.db.execute(`UPDATE awscc.sagemaker.images SET PatchDocument = string('${JSON.stringify(patch)}') WHERE region = 'us-east-1' AND Identifier = '${imageArn('dev-a')}'`);
  const [update] = writeCalls(takeCalls(s));
  assert.deepEqual(update!.body, { TypeName: IMAGE, Identifier: imageArn('dev-a'), PatchDocument: patch });
});

test('patch values given as text (a --var in generate_patch_document) take the schema type of their property', async (t) => {
  const s = await writeSession({
    resources: [
      { TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: 'app' } },
      { TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: 'img', BaseImage: 'repo/img:1' } },
    ],
  });
  t.after(() => s.close());
  const days = [{ op: 'add', path: '/RetentionInDays', value: '60' }, { op: 'add', path: '/Tags', value: [{ Key: 'n', Value: '7' }] }];
  await s.db.execute(`UPDATE awscc.logs.log_groups SET PatchDocument = string('${JSON.stringify(days)}') WHERE region = 'us-east-1' AND Identifier = 'app'`);
  assert.deepEqual(writeCalls(takeCalls(s))[0]!.body.PatchDocument, [
    { op: 'add', path: '/RetentionInDays', value: 60 },
    { op: 'add', path: '/Tags', value: [{ Key: 'n', Value: '7' }] },
  ]);
  const [version] = await s.db.query<{ arn: string }>("SELECT image_version_arn AS arn FROM awscc.sagemaker.image_versions WHERE region = 'us-east-1' AND image_name = 'img'");
  takeCalls(s);
  const flags = [{ op: 'add', path: '/Horovod', value: 'true' }, { op: 'add', path: '/ReleaseNotes', value: 'false' }];
  await s.db.execute(`UPDATE awscc.sagemaker.image_versions SET PatchDocument = string('${JSON.stringify(flags)}') WHERE region = 'us-east-1' AND Identifier = '${version!.arn}'`);
  assert.deepEqual(writeCalls(takeCalls(s))[0]!.body.PatchDocument, [{ op: 'add', path: '/Horovod', value: true }, { op: 'add', path: '/ReleaseNotes', value: 'false' }]);
});

test('an UPDATE or DELETE of several resources needs confirmation; without it nothing is sent', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const sql = "DELETE FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND image_name LIKE 'dev-%'";
  await assert.rejects(s.db.execute(sql), (e: unknown) => isCcsqlError(e) && e.code === 'CONFIRMATION_REQUIRED' && e.details.resources === 2);
  let asked: readonly PlannedCall[] = [];
  await assert.rejects(
    s.db.execute(sql, [], { confirm: (plan) => ((asked = plan), false) }),
    (e: unknown) => isCcsqlError(e) && e.code === 'CONFIRMATION_REQUIRED',
  );
  assert.deepEqual(asked.map((p) => [p.operation, p.identifier]).sort(), [['DELETE', imageArn('dev-a')], ['DELETE', imageArn('dev-b')]]);
  assert.deepEqual(asked[0]!.permissions, ['sagemaker:DeleteImage', 'sagemaker:DescribeImage']);
  assert.deepEqual(writeCalls(takeCalls(s)), []);

  const done = await s.db.execute(sql, [], { confirm: yes });
  assert.equal(done.changes, 2);
  assert.deepEqual(opsOf(writeCalls(takeCalls(s))), ['DeleteResource', 'DeleteResource']);
});

test('a dry run plans the calls with documents and permissions and sends nothing', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const insert = await s.db.execute(`INSERT INTO awscc.sagemaker.images (ImageName, ImageRoleArn) VALUES ('new', '${ROLE}')`, [], { dryRun: true });
  assert.deepEqual(insert.plan, [
    {
      typeName: IMAGE,
      table: 'awscc.sagemaker.images',
      region: 'us-east-1',
      operation: 'CREATE',
      document: { ImageName: 'new', ImageRoleArn: ROLE },
      permissions: ['sagemaker:CreateImage', 'sagemaker:DescribeImage', 'iam:PassRole', 'sagemaker:AddTags', 'sagemaker:ListTags'],
    },
  ]);
  assert.equal(insert.rows[0]!.document, JSON.stringify({ ImageName: 'new', ImageRoleArn: ROLE }));
  assert.deepEqual(takeCalls(s), []);
  const update = await s.db.execute("UPDATE awscc.sagemaker.images SET image_description = 'y' WHERE region = 'us-east-1'", [], { dryRun: true });
  assert.deepEqual(update.rows.map((r) => [r.operation, r.document]), [
    ['UPDATE', '[{"op":"replace","path":"/ImageDescription","value":"y"}]'],
    ['UPDATE', '[{"op":"replace","path":"/ImageDescription","value":"y"}]'],
    ['UPDATE', '[{"op":"replace","path":"/ImageDescription","value":"y"}]'],
  ]);
  assert.deepEqual(writeCalls(takeCalls(s)), []);
  const [journal] = await s.db.query<{ n: number }>('SELECT count(*) AS n FROM ccsql_requests');
  assert.equal(journal!.n, 0);
});

test('DELETE by Identifier, and a delete whose resource is already gone counts as done', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const result = await s.db.execute(`DELETE FROM awscc.sagemaker.images WHERE Identifier = '${imageArn('prod-a')}' AND region = 'us-east-1' RETURNING OperationStatus, Identifier`);
  assert.deepEqual(result.rows, [{ OperationStatus: 'SUCCESS', Identifier: imageArn('prod-a') }]);
  const calls = takeCalls(s);
  assert.deepEqual(opsOf(calls), ['GetResource', 'DeleteResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  assert.deepEqual(writeCalls(calls)[0]!.body, { TypeName: IMAGE, Identifier: imageArn('prod-a') });

  // The resource goes away between the read and the delete (another tool deleted it while the user confirmed).
  const caller = { account: '123456789012', region: 'us-east-1' } as never;
  const goneMeanwhile = async (): Promise<boolean> => {
    const { ProgressEvent: other } = s.emulator.service.handle('DeleteResource', { TypeName: IMAGE, Identifier: imageArn('dev-b') }, caller) as { ProgressEvent: { RequestToken: string } };
    for (let i = 0; i < 2; i += 1) s.emulator.service.handle('GetResourceRequestStatus', { RequestToken: other.RequestToken }, caller);
    takeCalls(s);
    return true;
  };
  const gone = await s.db.execute(
    `DELETE FROM awscc.sagemaker.images WHERE Identifier IN ('${imageArn('dev-b')}', '${imageArn('dev-a')}') AND region = 'us-east-1' RETURNING OperationStatus, ErrorCode`,
    [],
    { confirm: goneMeanwhile },
  );
  assert.deepEqual(opsOf(takeCalls(s)).filter((op) => op === 'DeleteResource'), ['DeleteResource', 'DeleteResource']);
  assert.deepEqual(gone.rows.map((r) => r.OperationStatus), ['SUCCESS', 'SUCCESS']);
  const [row] = await s.db.query("SELECT status, error_code FROM ccsql_requests ORDER BY id DESC LIMIT 1");
  assert.equal(row!.status, 'SUCCESS');
});
