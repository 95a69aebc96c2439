/**
 * Identifiers and list keys that look like numbers stay text: reads, joins, INSERT, UPDATE, DELETE and
 * the journal, against the endpoint through the real SDK. An IoT thing named `12345` (and `007`,
 * whose leading zero a number would lose), an Omics workflow (its ids are digits), and an IoT
 * software package version, whose identifier `12345|2` is compound and whose list key is `12345`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeCalls, writeCalls, writeSession } from './support/writes.js';

const THING = 'AWS::IoT::Thing';
const VERSION = 'AWS::IoT::SoftwarePackageVersion';
const seed = {
  resources: [
    { TypeName: THING, Properties: { ThingName: '12345' } },
    { TypeName: THING, Properties: { ThingName: '007' } },
    { TypeName: 'AWS::Omics::Workflow', Properties: { Id: '4817263', Name: 'align', DefinitionUri: 's3://b/w.zip' } },
    { TypeName: 'AWS::IoT::SoftwarePackage', Properties: { PackageName: '12345' } },
    { TypeName: VERSION, Properties: { PackageName: '12345', VersionName: '2', Description: 'two' } },
    { TypeName: VERSION, Properties: { PackageName: '12345', VersionName: '10', Description: 'ten' } },
  ],
};
const US = "region = 'us-east-1'";

test('reads: a digits-only identifier is text, found by = with text or a number, and keeps its leading zero', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const all = await s.db.query(`SELECT Identifier, typeof(Identifier) AS t, thing_name FROM awscc.iot.things WHERE ${US} ORDER BY Identifier`);
  assert.deepEqual(all, [{ Identifier: '007', t: 'text', thing_name: '007' }, { Identifier: '12345', t: 'text', thing_name: '12345' }]);
  assert.deepEqual(await s.db.query(`SELECT thing_name FROM awscc.iot.things WHERE ${US} AND Identifier = 12345`), [{ thing_name: '12345' }]);
  assert.deepEqual(await s.db.query(`SELECT thing_name FROM awscc.iot.things WHERE ${US} AND Identifier = '007'`), [{ thing_name: '007' }]);
  takeCalls(s);
  const [workflow] = await s.db.query(`SELECT Identifier, typeof(Identifier) AS t, name FROM awscc.omics.workflows WHERE ${US} AND Identifier = '4817263'`);
  assert.deepEqual(workflow, { Identifier: '4817263', t: 'text', name: 'align' });
  assert.deepEqual(takeCalls(s).map((c) => [c.op, c.body.Identifier]), [['GetResource', '4817263']]);
});

test('a compound identifier with numeric parts and a numeric list key: by Identifier, by key, and through a join', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  const [one] = await s.db.query(`SELECT Identifier, package_name, typeof(package_name) AS t, description FROM awscc.iot.software_package_versions WHERE ${US} AND Identifier = '12345|2'`);
  assert.deepEqual(one, { Identifier: '12345|2', package_name: '12345', t: 'text', description: 'two' });
  takeCalls(s);
  const byKey = await s.db.query(`SELECT version_name FROM awscc.iot.software_package_versions WHERE ${US} AND package_name = 12345 ORDER BY version_name`);
  assert.deepEqual(byKey, [{ version_name: '10' }, { version_name: '2' }], 'text order: the names stay text');
  const lists = takeCalls(s).filter((c) => c.op === 'ListResources');
  assert.deepEqual(lists.map((c) => JSON.parse(String(c.body.ResourceModel))), [{ PackageName: '12345' }], 'the key is sent as a JSON string');
  const joined = await s.db.query(`SELECT p.package_name, v.Identifier, v.description FROM awscc.iot.software_packages p
    JOIN awscc.iot.software_package_versions v ON v.package_name = p.package_name WHERE p.${US} ORDER BY v.description`);
  assert.deepEqual(joined, [{ package_name: '12345', Identifier: '12345|10', description: 'ten' }, { package_name: '12345', Identifier: '12345|2', description: 'two' }]);
  await s.db.execute('CREATE TABLE wanted (id TEXT)');
  await s.db.execute("INSERT INTO wanted VALUES ('12345|10')");
  const local = await s.db.query(`SELECT v.description FROM wanted w JOIN awscc.iot.software_package_versions v ON v.Identifier = w.id AND v.${US}`);
  assert.deepEqual(local, [{ description: 'ten' }]);
});

test('UPDATE by a digits-only identifier, by the name column, and of a compound identifier sends the patch to that resource', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  takeCalls(s);
  await s.db.execute(`UPDATE awscc.iot.things SET attribute_payload = '{"Attributes":{"a":"1"}}' WHERE ${US} AND Identifier = '12345'`);
  await s.db.execute(`UPDATE awscc.iot.things SET attribute_payload = '{"Attributes":{"a":"2"}}' WHERE ${US} AND thing_name = '007'`);
  await s.db.execute(`UPDATE awscc.omics.workflows SET name = 'align2' WHERE ${US} AND Identifier = '4817263'`);
  await s.db.execute(`UPDATE awscc.iot.software_package_versions SET description = 'TWO' WHERE ${US} AND Identifier = '12345|2'`);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => [c.body.TypeName, c.body.Identifier, c.body.PatchDocument]), [
    [THING, '12345', [{ op: 'add', path: '/AttributePayload', value: { Attributes: { a: '1' } } }]],
    [THING, '007', [{ op: 'add', path: '/AttributePayload', value: { Attributes: { a: '2' } } }]],
    ['AWS::Omics::Workflow', '4817263', [{ op: 'replace', path: '/Name', value: 'align2' }]],
    [VERSION, '12345|2', [{ op: 'replace', path: '/Description', value: 'TWO' }]],
  ]);
  const journal = await s.db.query("SELECT identifier, typeof(identifier) AS t, status FROM ccsql_requests ORDER BY id");
  assert.deepEqual(journal.map((r) => [r.identifier, r.t, r.status]), [['12345', 'text', 'SUCCESS'], ['007', 'text', 'SUCCESS'], ['4817263', 'text', 'SUCCESS'], ['12345|2', 'text', 'SUCCESS']]);
});

test('INSERT and DELETE with numeric-looking names and keys', async (t) => {
  const s = await writeSession(seed);
  t.after(() => s.close());
  takeCalls(s);
  const created = await s.db.execute(`INSERT INTO awscc.iot.things (region, thing_name) VALUES ('us-east-1', '0042') RETURNING Identifier`);
  assert.deepEqual(created.rows.map((r) => r.Identifier), ['0042']);
  const version = await s.db.execute(`INSERT INTO awscc.iot.software_package_versions (region, package_name, version_name) VALUES ('us-east-1', '12345', '3') RETURNING Identifier`);
  assert.deepEqual(version.rows.map((r) => r.Identifier), ['12345|3']);
  await s.db.execute(`DELETE FROM awscc.iot.things WHERE ${US} AND Identifier = '007'`);
  await s.db.execute(`DELETE FROM awscc.iot.software_package_versions WHERE ${US} AND package_name = '12345' AND version_name = '10'`);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => [c.op, c.body.Identifier ?? c.body.DesiredState]), [
    ['CreateResource', { ThingName: '0042' }],
    ['CreateResource', { PackageName: '12345', VersionName: '3' }],
    ['DeleteResource', '007'],
    ['DeleteResource', '12345|10'],
  ]);
  const left = await s.db.query(`SELECT thing_name FROM awscc.iot.things WHERE ${US} ORDER BY 1`);
  assert.deepEqual(left, [{ thing_name: '0042' }, { thing_name: '12345' }]);
});
