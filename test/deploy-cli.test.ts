/**
 * `ccsql deploy` through the built command against the emulator: stackql-deploy-rs's three awscc
 * examples as they are written, and stacks of our own; every assertion on the exact Cloud Control
 * writes the emulator saw.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';
import { describeCall } from './support/session.js';

const EXAMPLES = join(import.meta.dirname, 'fixtures/stackql-deploy/examples/aws');
const WRITES = new Set(['CreateResource', 'UpdateResource', 'DeleteResource']);

describe('ccsql deploy', { skip: SKIP_UNBUILT }, () => {
  let emulator: Emulator;
  let scratch: string;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    scratch = mkdtempSync(join(tmpdir(), 'ccsql-deploy-cli-'));
  });
  after(async () => {
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const deploy = (args: string[]) => runCli(['deploy', ...args, '--endpoint-url', emulator.url]);
  /** The write calls since the last look, as `Op Type Identifier-or-model region`; reads are dropped. */
  const writes = () => {
    const seen = emulator.calls.filter((c) => WRITES.has(c.op)).map((c) => ({ ...c }));
    emulator.clearCalls();
    return seen;
  };
  const ops = (calls: ReturnType<typeof writes>) => calls.map((c) => `${c.op} ${(c.body as { TypeName: string }).TypeName}`);
  const copy = (example: string) => {
    const dir = mkdtempSync(join(scratch, `${example}-`));
    cpSync(join(EXAMPLES, example), dir, { recursive: true });
    return dir;
  };

  test('patch-doc-test: build, a second build that writes nothing, a changed value as one patch, test, dry run, teardown', async () => {
    const stack = copy('patch-doc-test');
    const env = ['-e', 'AWS_REGION=us-east-1'];
    emulator.clearCalls();
    const out = join(scratch, 'out', 'exports.json');
    let run = await deploy(['build', stack, 'dev', ...env, '--output-file', out]);
    assert.equal(run.code, 0, run.stderr);
    const created = writes();
    assert.deepEqual(ops(created), ['CreateResource AWS::S3::Bucket']);
    assert.deepEqual(JSON.parse((created[0]!.body as { DesiredState: string }).DesiredState), {
      BucketName: 'patch-doc-test-dev-bucket1',
      VersioningConfiguration: { Status: 'Enabled' },
      Tags: [
        { Key: 'Name', Value: 'patch-doc-test-dev-bucket1' },
        { Key: 'stackql:stack-name', Value: 'patch-doc-test' },
        { Key: 'stackql:stack-env', Value: 'dev' },
        { Key: 'stackql:resource-name', Value: 'bucket1' },
      ],
    });
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { stack_name: 'patch-doc-test', stack_env: 'dev' });

    run = await deploy(['build', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^bucket1: unchanged$/m);
    assert.deepEqual(writes(), []);

    run = await deploy(['plan', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '= bucket1: no-change\nPlan: 0 to create, 0 to update, 0 unknown, 1 unchanged.\n');

    writeFileSync(join(stack, 'stackql_manifest.yml'), readFileSync(join(stack, 'stackql_manifest.yml'), 'utf8').replace('Status: Enabled', 'Status: Suspended'));
    run = await deploy(['plan', stack, 'dev', ...env]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, '~ bucket1: update\n    VersioningConfiguration: {"Status":"Enabled"} -> {"Status":"Suspended"}\nPlan: 0 to create, 1 to update, 0 unknown, 0 unchanged.\n');
    run = await deploy(['plan', stack, 'dev', ...env, '-o', 'json']);
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      resources: [{ resource: 'bucket1', action: 'update', changes: [{ property: 'VersioningConfiguration', live: { Status: 'Enabled' }, desired: { Status: 'Suspended' }, replacement: false }] }],
      changes: true,
    });
    assert.deepEqual(writes(), [], 'plan writes nothing');
    run = await deploy(['test', stack, 'dev', ...env]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: Resource bucket1: test failed: it differs from its desired state/m);
    run = await deploy(['build', stack, 'dev', ...env, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /bucket1: would be updated \(dry run\)/);
    assert.deepEqual(writes(), []);

    run = await deploy(['build', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    const updated = writes();
    assert.deepEqual(ops(updated), ['UpdateResource AWS::S3::Bucket']);
    const patch = JSON.parse((updated[0]!.body as { PatchDocument: string }).PatchDocument) as { op: string; path: string; value: unknown }[];
    assert.deepEqual(patch[0], { op: 'add', path: '/VersioningConfiguration', value: { Status: 'Suspended' } });
    assert.equal(patch.length, 2);
    run = await deploy(['test', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    run = await deploy(['plan', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(writes(), []);

    run = await deploy(['teardown', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes().map(describeCall), ['DeleteResource AWS::S3::Bucket patch-doc-test-dev-bucket1 us-east-1']);
  });

  test('aws-vpc-webserver as written: ten resources in order, a second build that writes nothing, teardown in reverse', async () => {
    const stack = join(EXAMPLES, 'aws-vpc-webserver');
    const env = ['-e', 'AWS_REGION=eu-west-1'];
    emulator.clearCalls();
    let plan = await deploy(['plan', stack, 'sit', ...env]);
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /^\+ example_vpc: create\n/);
    assert.match(plan.stdout, /^\? example_inet_gw_attachment: unknown \(depends on vpc_id, which does not exist yet\)$/m);
    assert.deepEqual(writes(), []);
    let run = await deploy(['build', stack, 'sit', ...env]);
    assert.equal(run.code, 0, run.stderr);
    const order = ['VPC', 'Subnet', 'InternetGateway', 'VPCGatewayAttachment', 'RouteTable', 'SubnetRouteTableAssociation', 'Route', 'SecurityGroup', 'Instance'].map((t) => `AWS::EC2::${t}`);
    assert.deepEqual(ops(writes()), order.map((t) => `CreateResource ${t}`));
    const exports = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(exports), ['stack_name', 'stack_env', 'public_dns_name']);
    run = await deploy(['build', stack, 'sit', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes(), []);
    run = await deploy(['test', stack, 'sit', ...env]);
    assert.equal(run.code, 0, run.stderr);
    plan = await deploy(['plan', stack, 'sit', ...env]);
    assert.equal(plan.code, 0, plan.stdout);
    assert.match(plan.stdout, /Plan: 0 to create, 0 to update, 0 unknown, 10 unchanged\.\n$/);
    run = await deploy(['teardown', stack, 'sit', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(ops(writes()), [...order].reverse().map((t) => `DeleteResource ${t}`));
  });

  test('sqlserver as written: the password given with -e reaches neither the terminal nor --show-queries', async () => {
    const stack = join(EXAMPLES, 'sqlserver');
    const env = ['-e', 'AWS_REGION=us-east-1', '-e', 'DB_MASTER_PASSWORD=Tr0ub4dor-and-3'];
    emulator.clearCalls();
    let run = await deploy(['build', stack, 'dev', ...env, '--show-queries']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!`${run.stdout}${run.stderr}`.includes('Tr0ub4dor'), 'the password is printed');
    assert.match(run.stderr, /MasterUserPassword[\s\S]*'\*\*\*\*'/);
    const created = writes();
    assert.equal(created.length, 12);
    const db = created.find((c) => (c.body as { TypeName: string }).TypeName === 'AWS::RDS::DBInstance')!;
    assert.equal(JSON.parse((db.body as { DesiredState: string }).DesiredState).MasterUserPassword, 'Tr0ub4dor-and-3', 'the real value is sent');
    run = await deploy(['build', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes(), []);
    run = await deploy(['teardown', stack, 'dev', ...env]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(writes().length, 12);
  });

  test('init writes the starter project, which builds, builds again with no write, and tears down', async () => {
    const parent = mkdtempSync(join(scratch, 'init-'));
    let run = await runCli(['deploy', 'init', 'My_Stack'], { cwd: parent });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote 3 files into .*\/my-stack: stackql_manifest\.yml, resources\/example_vpc\.iql, README\.md\n$/);
    const stack = join(parent, 'my-stack');
    assert.match(readFileSync(join(stack, 'stackql_manifest.yml'), 'utf8'), /^name: "my-stack"$/m);
    assert.match(readFileSync(join(stack, 'resources/example_vpc.iql'), 'utf8'), /TagFilters = '\{\{ global_tags \| to_aws_tag_filters \}\}'/);
    emulator.clearCalls();
    run = await deploy(['build', stack, 'dev', '-e', 'AWS_REGION=us-east-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(ops(writes()), ['CreateResource AWS::EC2::VPC']);
    run = await deploy(['build', stack, 'dev', '-e', 'AWS_REGION=us-east-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes(), []);
    run = await deploy(['teardown', stack, 'dev', '-e', 'AWS_REGION=us-east-1']);
    assert.deepEqual(ops(writes()), ['DeleteResource AWS::EC2::VPC']);
    run = await runCli(['deploy', 'init', 'my-stack'], { cwd: parent });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: Folder .*my-stack already exists/);
  });

  test('bad input: one message naming the file and line, exit 1, nothing sent', async () => {
    const stack = copy('patch-doc-test');
    writeFileSync(join(stack, 'resources/bucket1.iql'), readFileSync(join(stack, 'resources/bucket1.iql'), 'utf8').replace('/*+ delete */', '/*+ remove */'));
    emulator.clearCalls();
    const run = await deploy(['build', stack, 'dev', '-e', 'AWS_REGION=us-east-1']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: .*resources\/bucket1\.iql line 47 has an unknown anchor \/\*\+ remove \*\/; .*nothing was sent\.\n$/);
    assert.deepEqual(emulator.calls, []);
  });

  test('--on-failure rollback deletes what this run created, newest first; ignore goes on', async () => {
    const stack = ownStack(scratch, 'rollback');
    emulator.clearCalls();
    let run = await deploy(['build', stack, 'dev', '-e', 'AWS_REGION=us-east-1', '--on-failure', 'rollback']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: Resource broken_log_group: awscc\.logs\.log_groups already has a resource with identifier '\/rollback\/dev'/m);
    const calls = writes().map(describeCall).map((c) => c.replace(/ \{.*\}/, ''));
    assert.deepEqual(calls.slice(0, 3), ['CreateResource AWS::Logs::LogGroup us-east-1', 'CreateResource AWS::SQS::Queue us-east-1', 'CreateResource AWS::Logs::LogGroup us-east-1']);
    assert.match(calls[3]!, /^DeleteResource AWS::SQS::Queue \S*rollback-dev-queue us-east-1$/);
    assert.equal(calls[4], 'DeleteResource AWS::Logs::LogGroup /rollback/dev us-east-1');
    assert.equal(calls.length, 5);
    run = await deploy(['build', stack, 'dev', '-e', 'AWS_REGION=us-east-1', '--on-failure', 'ignore']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /broken_log_group: failed, going on \(--on-failure ignore\)/);
    assert.match(run.stderr, /failed and passed over: broken_log_group/);
    assert.deepEqual(ops(writes()), ['CreateResource AWS::Logs::LogGroup', 'CreateResource AWS::SQS::Queue', 'CreateResource AWS::Logs::LogGroup']);
  });
});

/** A stack of our own: a log group, a queue that names it, and a log group of the same name, which Cloud Control refuses. */
function ownStack(parent: string, name: string): string {
  const dir = mkdtempSync(join(parent, `${name}-`));
  const manifest = `version: 1
name: ${name}
providers:
  - awscc
globals:
  - name: region
    value: "{{ AWS_REGION }}"
resources:
  - name: log_group
    props:
      - name: log_group_name
        value: "/{{ stack_name }}/{{ stack_env }}"
      - name: retention_days
        values:
          dev:
            value: 7
          prd:
            value: 30
    exports:
      - log_group_arn
  - name: queue
    props:
      - name: queue_name
        value: "{{ stack_name }}-{{ stack_env }}-queue"
    exports:
      - queue_url
  - name: broken_log_group
    file: broken.iql
    props:
      - name: log_group_name
        value: "/{{ stack_name }}/{{ stack_env }}"
`;
  writeFileSync(join(dir, 'stackql_manifest.yml'), manifest);
  cpSync(join(import.meta.dirname, 'fixtures/deploy-own'), join(dir, 'resources'), { recursive: true });
  return dir;
}
