/**
 * UPDATE of a type whose required property is write-only: Cloud Control patches the model as read
 * (without it) and validates the result, so every update must send it again, as `add`; where it is
 * also create-only, no update can succeed. ccsql refuses what would fail before sending anything.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startEmulator } from '../src/emulator/index.js';
import { isCcsqlError } from '../src/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';
import { takeCalls, writeCalls, writeSession } from './support/writes.js';

const MSK = 'AWS::MSK::Configuration';
const MSK_ARN = 'arn:aws:kafka:us-east-1:123456789012:configuration/cfg/1';
const CANARY = 'AWS::Synthetics::Canary';
const TARGET = 'AWS::DataZone::SubscriptionTarget';
const TARGET_ID = 'dzd_domain1|env1|target1';
const ROLE = 'arn:aws:iam::123456789012:role/canary';
const LAYER = 'arn:aws:lambda:us-east-1:123456789012:layer:cwsyn-probe:1';

const seed = {
  resources: [
    { TypeName: MSK, Region: 'us-east-1', Properties: { Name: 'cfg', Arn: MSK_ARN, ServerProperties: 'auto.create.topics.enable=false', Description: 'old' } },
    {
      TypeName: CANARY,
      Region: 'us-east-1',
      Properties: {
        Name: 'probe',
        Code: { Handler: 'index.handler', Script: 'exports.handler = async () => 1;', SourceLocationArn: LAYER },
        ArtifactS3Location: 's3://bucket/probe',
        ExecutionRoleArn: ROLE,
        Schedule: { Expression: 'rate(5 minutes)' },
        RuntimeVersion: 'syn-nodejs-puppeteer-9.0',
      },
    },
    {
      TypeName: TARGET,
      Region: 'us-east-1',
      Properties: {
        DomainId: 'dzd_domain1',
        EnvironmentId: 'env1',
        Id: 'target1',
        DomainIdentifier: 'dzd_domain1',
        EnvironmentIdentifier: 'env1',
        ApplicableAssetTypes: ['GlueTableAssetType'],
        AuthorizedPrincipals: [ROLE],
        Name: 'target',
        SubscriptionTargetConfig: [{ FormName: 'GlueSubscriptionTargetConfigForm', Content: '{}' }],
        Type: 'GlueSubscriptionTargetType',
      },
    },
  ],
};

const refused = (code: string, details: Record<string, unknown> = {}) => (error: unknown) => {
  assert.ok(isCcsqlError(error), String(error));
  assert.equal(error.code, code, error.message);
  for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details[key], value);
  return true;
};

const stored = (s: Awaited<ReturnType<typeof writeSession>>, typeName: string, identifier: string) =>
  s.emulator.service.scope({ account: '123456789012', region: 'us-east-1' }).table(typeName).get(identifier);

const whereMsk = `WHERE region = 'us-east-1' AND Identifier = '${MSK_ARN}'`;

test('an UPDATE that leaves a required write-only property out is refused before any call, naming the column', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  await assert.rejects(
    s.db.execute(`UPDATE awscc.msk.configurations SET description = 'new' ${whereMsk}`),
    refused('WRITE_ONLY_REQUIRED', { table: 'awscc.msk.configurations', column: 'server_properties', paths: ['/ServerProperties'] }),
  );
  await assert.rejects(s.db.execute(`UPDATE awscc.msk.configurations SET description = 'new' ${whereMsk}`), (error: Error) =>
    error.message === 'awscc.msk.configurations needs server_properties in every UPDATE: Cloud Control cannot read it back; add SET server_properties = ….',
  );
  await assert.rejects(s.db.execute(`UPDATE awscc.msk.configurations SET server_properties = NULL, description = 'new' ${whereMsk}`), refused('WRITE_ONLY_REQUIRED'));
  assert.deepEqual(writeCalls(takeCalls(s)), []);
  assert.equal(stored(s, MSK, MSK_ARN)?.Description, 'old');
});

test('an UPDATE that sets the required write-only property sends it as add, and Cloud Control accepts it', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const result = await s.db.execute(`UPDATE awscc.msk.configurations SET description = 'new', server_properties = 'auto.create.topics.enable=true' ${whereMsk} RETURNING OperationStatus`);
  assert.deepEqual(result.rows, [{ OperationStatus: 'SUCCESS' }]);
  assert.deepEqual(writeCalls(takeCalls(s)), [
    {
      op: 'UpdateResource',
      region: 'us-east-1',
      body: {
        TypeName: MSK,
        Identifier: MSK_ARN,
        PatchDocument: [
          { op: 'replace', path: '/Description', value: 'new' },
          { op: 'add', path: '/ServerProperties', value: 'auto.create.topics.enable=true' },
        ],
      },
    },
  ]);
  assert.equal(stored(s, MSK, MSK_ARN)?.ServerProperties, 'auto.create.topics.enable=true');
});

test('a required object whose oneOf asks for write-only keys (Synthetics Code) must be sent with them', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const where = "WHERE region = 'us-east-1' AND Identifier = 'probe'";
  await assert.rejects(
    s.db.execute(`UPDATE awscc.synthetics.canaries SET runtime_version = 'syn-nodejs-puppeteer-10.0' ${where}`),
    refused('WRITE_ONLY_REQUIRED', { column: 'code', paths: ['/Code'] }),
  );
  // The code as read (Handler only) is not enough: the patch must carry Script, or S3Bucket and S3Key.
  await assert.rejects(
    s.db.execute(`UPDATE awscc.synthetics.canaries SET runtime_version = 'syn-nodejs-puppeteer-10.0', code = '{"Handler":"index.handler"}' ${where}`),
    refused('WRITE_ONLY_REQUIRED', { column: 'code' }),
  );
  assert.deepEqual(writeCalls(takeCalls(s)), []);
  const script = 'exports.handler = async () => 2;';
  const result = await s.db.execute(
    `UPDATE awscc.synthetics.canaries SET runtime_version = 'syn-nodejs-puppeteer-10.0', code = '{"Handler":"index.handler","Script":"${script}"}' ${where} RETURNING OperationStatus`,
  );
  assert.deepEqual(result.rows, [{ OperationStatus: 'SUCCESS' }]);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => c.body.PatchDocument), [
    [
      { op: 'add', path: '/Code/Script', value: script },
      { op: 'replace', path: '/RuntimeVersion', value: 'syn-nodejs-puppeteer-10.0' },
    ],
  ]);
  // Code as read carries the read-only SourceLocationArn; a code value without it keeps it (no remove of a read-only path).
  assert.deepEqual(stored(s, CANARY, 'probe')?.Code, { Handler: 'index.handler', SourceLocationArn: LAYER, Script: script });
});

test('a type whose required write-only property is also create-only is refused as NOT_UPDATABLE, whatever is set', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const where = `WHERE region = 'us-east-1' AND Identifier = '${TARGET_ID}'`;
  const columns = ['domain_identifier', 'environment_identifier'];
  await assert.rejects(s.db.execute(`UPDATE awscc.datazone.subscription_targets SET name = 'renamed' ${where}`), refused('NOT_UPDATABLE', { table: 'awscc.datazone.subscription_targets', columns }));
  await assert.rejects(
    s.db.execute(`UPDATE awscc.datazone.subscription_targets SET name = 'renamed', domain_identifier = 'dzd_domain1', environment_identifier = 'env1' ${where}`),
    refused('NOT_UPDATABLE', { columns }),
  );
  const patch = JSON.stringify([{ op: 'replace', path: '/Name', value: 'renamed' }]);
  await assert.rejects(s.db.execute(`UPDATE awscc.datazone.subscription_targets SET PatchDocument = '${patch}' ${where}`), refused('NOT_UPDATABLE'));
  await assert.rejects(s.db.execute(`UPDATE awscc.datazone.subscription_targets SET name = 'renamed' ${where}`), (error: Error) =>
    /DELETE the resource and INSERT it again/.test(error.message) && /docs\/writes\.md/.test(error.message),
  );
  assert.deepEqual(writeCalls(takeCalls(s)), []);
  const unchanged = await s.db.execute(`UPDATE awscc.datazone.subscription_targets SET name = 'target' ${where}`);
  assert.equal(unchanged.changes, 0, 'an UPDATE that changes nothing sends nothing and is not refused');
});

test("SET PatchDocument is checked too: a StackQL page's patch without the write-only property is refused, a replace of it sent as add", async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const stackql = JSON.stringify([{ op: 'replace', path: '/Description', value: 'new' }]);
  await assert.rejects(
    s.db.execute(`UPDATE awscc.msk.configurations SET PatchDocument = '${stackql}' ${whereMsk}`),
    (error: unknown) =>
      refused('WRITE_ONLY_REQUIRED', { column: 'server_properties' })(error) &&
      (error as Error).message === 'awscc.msk.configurations needs server_properties in every UPDATE: Cloud Control cannot read it back; add {"op": "add", "path": "/ServerProperties", "value": …} to the PatchDocument.',
  );
  assert.deepEqual(writeCalls(takeCalls(s)), []);
  const full = JSON.stringify([
    { op: 'replace', path: '/Description', value: 'new' },
    { op: 'replace', path: '/ServerProperties', value: 'auto.create.topics.enable=true' },
  ]);
  await s.db.execute(`UPDATE awscc.msk.configurations SET PatchDocument = '${full}' ${whereMsk}`);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => c.body.PatchDocument), [
    [
      { op: 'replace', path: '/Description', value: 'new' },
      { op: 'add', path: '/ServerProperties', value: 'auto.create.topics.enable=true' },
    ],
  ]);
  assert.equal(stored(s, MSK, MSK_ARN)?.Description, 'new');
});

test('a dry run plans the add, or refuses as the real statement would', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const planned = await s.db.execute(`UPDATE awscc.msk.configurations SET server_properties = 'a=b' ${whereMsk}`, [], { dryRun: true });
  assert.deepEqual(planned.plan?.map((p) => [p.operation, p.identifier, p.document]), [['UPDATE', MSK_ARN, [{ op: 'add', path: '/ServerProperties', value: 'a=b' }]]]);
  await assert.rejects(s.db.execute(`UPDATE awscc.msk.configurations SET description = 'x' ${whereMsk}`, [], { dryRun: true }), refused('WRITE_ONLY_REQUIRED'));
  assert.deepEqual(writeCalls(takeCalls(s)), []);
});

describe('the command', { skip: SKIP_UNBUILT }, () => {
  test('--dry-run shows the write-only property sent as add, or the refusal, and sends nothing', async (t) => {
    const emulator = await startEmulator({ port: 0, seed });
    t.after(() => emulator.close());
    const aws = ['--endpoint-url', emulator.url, '-r', 'us-east-1', '--dry-run', '-o', 'json'];
    const planned = await runCli([...aws, `UPDATE awscc.msk.configurations SET server_properties = 'a=b' ${whereMsk}`]);
    assert.equal(planned.code, 0, planned.stderr);
    const [row] = JSON.parse(planned.stdout) as { operation: string; document: string }[];
    assert.equal(row?.operation, 'UPDATE');
    assert.deepEqual(JSON.parse(row!.document), [{ op: 'add', path: '/ServerProperties', value: 'a=b' }]);
    const refusedRun = await runCli([...aws, `UPDATE awscc.msk.configurations SET description = 'x' ${whereMsk}`]);
    assert.equal(refusedRun.code, 1);
    assert.equal(refusedRun.stderr, 'Error: awscc.msk.configurations needs server_properties in every UPDATE: Cloud Control cannot read it back; add SET server_properties = ….\n');
    const frozen = await runCli([...aws, `UPDATE awscc.datazone.subscription_targets SET name = 'x' WHERE region = 'us-east-1' AND Identifier = '${TARGET_ID}'`]);
    assert.equal(frozen.code, 1);
    assert.match(frozen.stderr, /^Error: awscc\.datazone\.subscription_targets cannot be updated through Cloud Control: domain_identifier and environment_identifier are required and write-only/);
    assert.deepEqual(emulator.calls.filter((c) => /^(Create|Update|Delete)Resource$/.test(c.op)), []);
  });
});
