/** `ccsql catalog update|status|reset` as a user runs it, against an emulator serving two types from --schemas. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCatalog } from '../src/catalog/build.js';
import { catalogFromFiles } from '../src/catalog/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';

const SCHEMAS = new URL('./fixtures/registry-schemas', import.meta.url).pathname;

test('catalog status, update and reset; a run warns of a property the catalog lacks', { skip: SKIP_UNBUILT }, async (t) => {
  // An account whose registry holds only the two types of --schemas keeps the update small.
  const emulator = await startEmulator({ port: 0, catalog: catalogFromFiles(buildCatalog([]).files), schemas: SCHEMAS });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-cli-catalog-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  emulator.seed({ resources: [{ TypeName: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/old', RetentionPolicyTier: 'COLD' } }] });
  const aws = ['--endpoint-url', emulator.url, '-r', 'us-east-1'];

  const bundled = await runCli(['catalog', 'status', '--catalog-dir', dir]);
  assert.equal(bundled.code, 0);
  assert.match(bundled.stdout, /^Source: the bundled catalog \(CloudFormation registry schemas \(1489 types\), @aws-cdk\/aws-service-spec@/);

  const stale = await runCli([...aws, '--catalog-dir', dir, '-o', 'json', "SELECT log_group_name, json_extract(resource_model, '$.RetentionPolicyTier') AS tier FROM awscc.logs.log_groups"]);
  assert.equal(stale.code, 0, stale.stderr);
  assert.deepEqual(JSON.parse(stale.stdout), [{ log_group_name: '/old', tier: 'COLD' }]);
  assert.equal(stale.stderr.match(/^Warning: .*RetentionPolicyTier.*ccsql catalog update/gm)?.length, 1);

  const update = await runCli(['catalog', 'update', ...aws, '--catalog-dir', dir, '--rate', '50']);
  assert.equal(update.code, 0, update.stderr);
  // Six listings, two DescribeType, one GetCallerIdentity.
  assert.match(update.stdout, /2 types listed, 2 described, 2 differ from the bundled catalog \(1 new\); 9 calls, 0 throttled\./);
  assert.match(update.stderr, /^Reading 2 changed type schemas \(DescribeType\)…\n {2}1\/2\n {2}2\/2\n$/);
  const status = await runCli(['catalog', 'status', '--catalog-dir', dir]);
  assert.match(status.stdout, /^Source: the CloudFormation registry of account 123456789012 in us-east-1 \(http:.*\), read \d{4}-.*\nTypes: 2 listed; 2 differ from the bundled catalog \(1 new\)/);

  const fresh = await runCli([...aws, '--catalog-dir', dir, '-o', 'json', 'SELECT log_group_name, retention_policy_tier FROM awscc.logs.log_groups']);
  assert.deepEqual([JSON.parse(fresh.stdout), fresh.stderr], [[{ log_group_name: '/old', retention_policy_tier: 'COLD' }], '']);
  const widgets = await runCli([...aws, '--catalog-dir', dir, '-o', 'json', "INSERT INTO acme.widgets.things (name, size, region) VALUES ('cog', 2, 'us-east-1'); SELECT name, size FROM acme.widgets.things"]);
  assert.equal(widgets.code, 0, widgets.stderr);
  assert.deepEqual(JSON.parse(widgets.stdout.slice(widgets.stdout.lastIndexOf('[\n'))), [{ name: 'cog', size: 2 }]);
  const docs = await runCli(['docs', 'acme.widgets.things', '--catalog-dir', dir]);
  assert.match(docs.stdout, /\| `size` \| `integer` \| account registry \(us-east-1, \d{4}-\d\d-\d\d\) \|/);

  const reset = await runCli(['catalog', 'reset', '--catalog-dir', dir]);
  assert.equal(reset.code, 0, reset.stderr);
  assert.equal(reset.stdout, `Removed the user catalog in ${dir}: the bundled catalog answers again.\n`);
  assert.deepEqual(readdirSync(dir), []);
  const after = await runCli(['catalog', 'status', '--catalog-dir', dir]);
  assert.match(after.stdout, /^Source: the bundled catalog .*\nNo user catalog in /);
  const undocumented = await runCli(['docs', 'acme.widgets.things', '--catalog-dir', dir]);
  assert.equal(undocumented.code, 1);
  assert.match(undocumented.stderr, /^Error: There is no table acme\.widgets\.things/);
  emulator.clearCalls();
  const gone = await runCli([...aws, '--catalog-dir', dir, 'SELECT * FROM acme.widgets.things']);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr.split('\n').length, 2, gone.stderr);
  assert.deepEqual(emulator.calls, []);
  // The bundled catalog answers again: it lacks RetentionPolicyTier, and says so once more.
  const staleAgain = await runCli([...aws, '--catalog-dir', dir, '-o', 'json', "SELECT log_group_name, json_extract(resource_model, '$.RetentionPolicyTier') AS tier FROM awscc.logs.log_groups"]);
  assert.equal(staleAgain.code, 0, staleAgain.stderr);
  assert.deepEqual([JSON.parse(staleAgain.stdout), staleAgain.stderr], [JSON.parse(stale.stdout), stale.stderr]);
});
