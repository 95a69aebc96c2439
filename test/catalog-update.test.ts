/**
 * `ccsql catalog update` end to end: the emulator serves a newer LogGroup and a private type from
 * --schemas through the registry (ListTypes, DescribeType over the real
 * @aws-sdk/client-cloudformation) and Cloud Control; the user catalog it writes makes them tables.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { provisioningTypeOf } from '../src/emulator/registry.js';
import { buildCatalog } from '../src/catalog/build.js';
import { catalogFromFiles } from '../src/catalog/index.js';
import { catalogStatus, open, resetUserCatalog, updateUserCatalog, type CcsqlWarning } from '../src/index.js';
import { TEST_CREDENTIALS } from './support/clients.js';

const SCHEMAS = new URL('./fixtures/registry-schemas', import.meta.url).pathname;
const aws = (url: string) => ({ region: 'us-east-1', endpointUrl: url, credentials: { ...TEST_CREDENTIALS }, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

test('a newer LogGroup and a private type reach the tables through catalog update', async (t) => {
  // The registry dates its schemas when the endpoint loads them: read before and after.
  const loading = Date.now();
  const emulator = await startEmulator({ port: 0, schemas: SCHEMAS });
  const loaded = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-catalog-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  emulator.seed({ resources: [{ TypeName: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/old', RetentionPolicyTier: 'HOT' } }] });

  // Before: the bundled catalog has no column for RetentionPolicyTier; resource_model has it, and it is said once.
  const warnings: CcsqlWarning[] = [];
  const before = await open({ ...aws(emulator.url), onWarning: (w) => warnings.push(w) });
  const [old] = await before.query("SELECT json_extract(resource_model, '$.RetentionPolicyTier') AS tier FROM awscc.logs.log_groups WHERE Identifier = '/old'");
  await before.query('SELECT log_group_name FROM awscc.logs.log_groups');
  await assert.rejects(before.query('SELECT * FROM acme.widgets.things'), (e: { code?: string }) => e.code === 'SQL_ERROR' || e.code === 'UNKNOWN_TABLE');
  await before.close();
  assert.deepEqual(old, { tier: 'HOT' });
  assert.deepEqual(warnings.map((w) => [w.code, w.typeName, w.properties]), [['UNKNOWN_PROPERTIES', 'AWS::Logs::LogGroup', ['RetentionPolicyTier']]]);
  assert.match(warnings[0]!.message, /ccsql catalog update/);

  emulator.clearCalls();
  const progress: number[] = [];
  const report = await updateUserCatalog({ ...aws(emulator.url), catalogDir: dir, onProgress: (done) => progress.push(done) });
  const ops = emulator.calls.map((c) => c.op);
  // Six listings (PUBLIC and PRIVATE × three provisioning types), 100 types a page; one DescribeType per provisionable type.
  const pages = listingSizes(emulator).reduce((sum, n) => sum + Math.max(1, Math.ceil(n / 100)), 0);
  assert.deepEqual(
    { ListTypes: ops.filter((op) => op === 'ListTypes').length, DescribeType: ops.filter((op) => op === 'DescribeType').length, GetCallerIdentity: ops.filter((op) => op === 'GetCallerIdentity').length, other: ops.filter((op) => !['ListTypes', 'DescribeType', 'GetCallerIdentity'].includes(op)).length },
    { ListTypes: pages, DescribeType: 1480, GetCallerIdentity: 1, other: 0 },
  );
  // 1,489 bundled types and Acme's; the ten without create, read and delete handlers are NON_PROVISIONABLE.
  assert.deepEqual({ listed: report.listed, described: report.described, differs: report.differs, added: report.added }, { listed: 1490, described: 1480, differs: 12, added: 1 });
  assert.equal(progress.at(-1), 1480);
  assert.deepEqual(readdirSync(join(dir, 'catalog', 'services')).sort(), ['appstream.json', 'datasync.json', 'dax.json', 'emr.json', 'logs.json', 'nimblestudio.json', 'opsworkscm.json', 'route53.json', 'widgets.json']);

  const status = catalogStatus(dir);
  assert.deepEqual([status.source, status.account, status.region, status.differs, status.added], ['account', '123456789012', 'us-east-1', report.differs, 1]);

  // After: field_index_policies and retention_policy_tier are columns, read and written; the private type is a table.
  const reads: string[] = [];
  const db = await open({ ...aws(emulator.url), catalogDir: dir, onWarning: (w) => reads.push(w.message) });
  t.after(() => db.close());
  const described = new Map((await db.query('DESCRIBE awscc.logs.log_groups')).map((r) => [r.name, r.source]));
  // Across UTC midnight either day is right.
  const days = [loading, loaded].map((ms) => `account registry (us-east-1, ${new Date(ms).toISOString().slice(0, 10)})`);
  assert.ok(days.includes(String(described.get('field_index_policies'))), String(described.get('field_index_policies')));
  assert.equal(described.get('retention_policy_tier'), described.get('field_index_policies'));
  await db.query("INSERT INTO awscc.logs.log_groups (log_group_name, field_index_policies, region) VALUES ('/new', json('[{\"Fields\":[\"requestId\"]}]'), 'us-east-1')");
  const [row] = await db.query("SELECT field_index_policies, retention_policy_tier FROM awscc.logs.log_groups WHERE Identifier = '/new'");
  assert.deepEqual(JSON.parse(String(row!.field_index_policies)), [{ Fields: ['requestId'] }]);
  const [oldRow] = await db.query("SELECT retention_policy_tier FROM awscc.logs.log_groups WHERE Identifier = '/old'");
  assert.equal(oldRow!.retention_policy_tier, 'HOT');

  const resources = await db.query('SHOW RESOURCES IN acme.widgets');
  assert.ok(resources.some((r) => r.id === 'acme.widgets.things'));
  await db.query("INSERT INTO acme.widgets.things (name, size, colour, region) VALUES ('gear', 3, 'RED', 'us-east-1')");
  assert.deepEqual(await db.query('SELECT name, size, colour FROM acme.widgets.things'), [{ name: 'gear', size: 3, colour: 'RED' }]);
  assert.deepEqual(reads, []);

  // A second update describes nothing that did not change.
  emulator.clearCalls();
  const again = await updateUserCatalog({ ...aws(emulator.url), catalogDir: dir });
  assert.equal(again.described, 0);
  assert.equal(again.differs, report.differs);
  assert.equal(emulator.calls.filter((c) => c.op === 'DescribeType').length, 0);

  // The ten bundled types without create, read and delete handlers answer why, before any call.
  emulator.clearCalls();
  await assert.rejects(db.query("SELECT * FROM awscc.route53.record_sets WHERE Identifier = 'x'"), (e: { code?: string; message: string; details?: { typeName?: string } }) => {
    assert.equal(e.code, 'TYPE_NOT_PROVISIONABLE');
    assert.equal(e.details?.typeName, 'AWS::Route53::RecordSet');
    assert.match(e.message, /AWS::Route53::RecordSet.*NON_PROVISIONABLE/);
    return true;
  });
  assert.deepEqual(emulator.calls, []);

  assert.equal(resetUserCatalog(dir), true);
  assert.equal(catalogStatus(dir).source, 'bundled');
});

/** How many types each of the six ListTypes listings holds, from the emulator's own catalog. */
function listingSizes(emulator: Emulator): number[] {
  const catalog = emulator.service.options.catalog;
  const sizes = new Map<string, number>();
  for (const type of catalog.all()) {
    const key = `${type.sqlName.startsWith('awscc.') ? 'PUBLIC' : 'PRIVATE'} ${provisioningTypeOf(type)}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return ['PUBLIC', 'PRIVATE'].flatMap((v) => ['FULLY_MUTABLE', 'IMMUTABLE', 'NON_PROVISIONABLE'].map((p) => sizes.get(`${v} ${p}`) ?? 0));
}

test('opening with a user catalog reads its index only: a type file is read when its table is used', async (t) => {
  const emulator = await startEmulator({ port: 0, catalog: catalogFromFiles(buildCatalog([]).files), schemas: SCHEMAS });
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-catalog-'));
  t.after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const report = await updateUserCatalog({ ...aws(emulator.url), catalogDir: dir });
  assert.deepEqual([report.listed, report.described, report.differs, report.added], [2, 2, 2, 1]);
  // Without its type files, the user catalog still answers everything that needs no type of its own.
  rmSync(join(dir, 'catalog', 'services'), { recursive: true });
  const db = await open({ ...aws(emulator.url), catalogDir: dir });
  t.after(() => db.close());
  assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
  assert.ok((await db.query('DESCRIBE awscc.s3.buckets')).length > 10);
  assert.ok(db.catalog.has('Acme::Widgets::Thing'));
  await assert.rejects(db.query('SELECT * FROM acme.widgets.things'), /widgets\.json/);
});
