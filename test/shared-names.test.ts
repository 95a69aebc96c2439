/**
 * The sixteen types with a property named `Identifier` or `Region`: StackQL's statements for them,
 * written as its pages print them, reach the property and Cloud Control's identifier (or where a
 * resource lives) side by side, against the endpoint through the real SDK; `resource_identifier`
 * and `resource_region` stay unambiguous aliases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResourceType } from '../src/catalog/types.js';
import { validateModel } from '../src/emulator/validate.js';
import { rewriteStatement } from '../src/sql/rewrite.js';
import { parseStatement } from '../src/sql/statement.js';
import { seededRandom } from './support/random.js';
import { synthesise, synthesiseProperty } from './support/synthesise.js';
import { takeCalls, writeCalls, writeSession } from './support/writes.js';

const random = seededRandom(16);
const shared = [...defaultCatalog().all()].filter((t) => t.columns.some((c) => ['identifier', 'region'].includes(c.name.toLowerCase())));
const word = (t: ResourceType) => (t.columns.some((c) => c.name === 'identifier') ? 'Identifier' : 'Region');
const quote = (v: unknown) => `'${(typeof v === 'object' ? JSON.stringify(v) : String(v)).replaceAll("'", "''")}'`;

/** A seedable model with every identifier part and the shared property set, or undefined. */
function modelOf(type: ResourceType): Record<string, unknown> | undefined {
  const model = synthesise(type, { random });
  if (!model) return undefined;
  // A read-only Region is the resource's own; a writable one (a notification hub's) may differ.
  const region = type.readOnly.includes('Region') ? 'us-east-1' : 'eu-west-1';
  for (const p of [...type.primaryIdentifier, word(type)]) model[p] ??= p === 'Region' ? region : synthesiseProperty(type, p, { random });
  return validateModel(type, model, { allowReadOnly: true }).length === 0 ? model : undefined;
}

test('sixteen types share a name with ccsql: eleven an Identifier property, five a Region one', () => {
  assert.equal(shared.length, 16);
  assert.equal(shared.filter((t) => word(t) === 'Identifier').length, 11);
  assert.equal(shared.filter((t) => word(t) === 'Region').length, 5);
});

test("StackQL's get, list and INSERT statements reach the property and Cloud Control's identifier on every such type", async (t) => {
  const cases = shared.filter((type) => type.handlers.read).map((type) => ({ type, model: modelOf(type) }));
  const seeded = cases.filter((c) => c.model);
  assert.deepEqual(cases.filter((c) => !c.model).map((c) => c.type.typeName), [], 'every type with a read handler is seeded');
  const s = await writeSession({ resources: seeded.map((c) => ({ TypeName: c.type.typeName, Properties: c.model! })) }, {}, { asyncPolls: 0 });
  t.after(() => s.close());
  const walked: string[] = [];
  for (const { type, model } of seeded) {
    const property = word(type);
    const id = type.primaryIdentifier.map((p) => model![p]).join('|');
    // The get statement as StackQL prints it: every column in snake_case, WHERE Identifier = '…'.
    const columns = type.columns.map((c) => c.name).join(', ');
    const [got] = await s.db.query(`SELECT region, ${columns} FROM ${type.sqlName} WHERE region = 'us-east-1' AND Identifier = ${quote(id)}`);
    assert.ok(got, `${type.typeName} get`);
    const readable = !type.writeOnly.includes(property);
    if (property === 'Identifier') assert.equal(got.identifier, readable ? model!.Identifier : null, `${type.typeName}: identifier is the property`);
    // StackQL prints `region` twice for these: first where the resource lives, then the property.
    else assert.equal(got.region, readable ? model!.Region : null, `${type.typeName}: the second region is the property`);
    const [where] = await s.db.query(`SELECT region FROM ${type.sqlName} WHERE region = 'us-east-1' AND Identifier = ${quote(id)}`);
    assert.deepEqual(where, { region: 'us-east-1' }, `${type.typeName}: region alone is where the resource lives`);
    const [alias] = await s.db.query(`SELECT Identifier, resource_${property.toLowerCase()} AS p FROM ${type.sqlName} WHERE region = 'us-east-1' AND Identifier = ${quote(id)}`);
    assert.deepEqual(alias, { Identifier: id, p: readable ? model![property] : null }, `${type.typeName}: the aliases`);
    if (type.handlers.list && type.listKeys.required.length === 0) {
      const pk = type.primaryIdentifier.map((p) => type.columns.find((c) => c.property === p)!.name);
      const listed = await s.db.query(`SELECT region, ${pk.join(', ')} FROM ${type.sqlName}_list_only WHERE region = 'us-east-1'`);
      const mine = listed.find((r) => type.primaryIdentifier.every((p, i) => String(r[pk[i]!]) === String(model![p])));
      assert.ok(mine, `${type.typeName} list_only: ${JSON.stringify(listed)}`);
    }
    walked.push(type.typeName);
  }
  assert.equal(walked.length, 15, 'every type with a read handler (Route53 RecordSet has none)');
});

test('an INSERT names the property beside where to create: Identifier (any case) and Region with region', async (t) => {
  const s = await writeSession(undefined, {}, { asyncPolls: 0 });
  t.after(() => s.close());
  await s.db.execute("INSERT INTO awscc.notifications.notification_hubs (Region, region) SELECT 'eu-west-1', 'us-east-1'");
  await s.db.execute("INSERT INTO awscc.cognito.user_pool_resource_servers (UserPoolId, Identifier, Name, region) SELECT 'us-east-1_abc', 'https://api.example.com', 'api', 'us-west-2'");
  await s.db.execute("INSERT INTO awscc.sns.subscriptions (TopicArn, Protocol, Region, region) SELECT 'arn:aws:sns:eu-west-1:123456789012:t', 'sqs', 'eu-west-1', 'us-east-1'");
  await s.db.execute("INSERT INTO awscc.notifications.notification_hubs (resource_region, region) SELECT 'ap-south-1', 'us-east-1'");
  // Alone, Region keeps ccsql's meaning (where to create), so the hub's required Region is missing.
  await assert.rejects(s.db.execute("INSERT INTO awscc.notifications.notification_hubs (Region) SELECT 'us-west-2'"), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'MISSING_REQUIRED');
    return true;
  });
  const sent = writeCalls(takeCalls(s)).map((c) => [c.region, c.body.TypeName, c.body.DesiredState]);
  assert.deepEqual(sent, [
    ['us-east-1', 'AWS::Notifications::NotificationHub', { Region: 'eu-west-1' }],
    ['us-west-2', 'AWS::Cognito::UserPoolResourceServer', { UserPoolId: 'us-east-1_abc', Identifier: 'https://api.example.com', Name: 'api' }],
    ['us-east-1', 'AWS::SNS::Subscription', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Protocol: 'sqs', Region: 'eu-west-1' }],
    ['us-east-1', 'AWS::Notifications::NotificationHub', { Region: 'ap-south-1' }],
  ]);
});

test('the rewrite of StackQL statements on all sixteen types: which word becomes which column', () => {
  const catalog = defaultCatalog();
  const resolve = (name: string) => {
    const hit = catalog.resolve(name);
    if (!hit) return undefined;
    const own = (w: string) => hit.type.columns.some((c) => c.name.toLowerCase() === w);
    return { readName: name, shared: { identifier: own('identifier'), region: own('region') }, target: hit };
  };
  const rewrite = (sql: string) => rewriteStatement(parseStatement(sql), resolve).sql;
  for (const type of shared) {
    const t = `"${type.sqlName}"`;
    if (word(type) === 'Identifier') {
      assert.equal(rewrite(`SELECT region, identifier FROM ${type.sqlName} WHERE region = 'r' AND Identifier = 'x'`), `SELECT region, resource_identifier AS identifier FROM ${t} WHERE region = 'r' AND Identifier = 'x'`);
      assert.equal(rewrite(`SELECT p.identifier AS i, Identifier FROM ${type.sqlName} p`), `SELECT p.resource_identifier AS i, Identifier FROM ${t} p`);
      assert.equal(rewrite(`INSERT INTO ${type.sqlName} (Identifier, region) SELECT 'a', 'r'`), `INSERT INTO ${t} (resource_identifier, region) SELECT 'a', 'r'`);
    } else {
      assert.equal(rewrite(`SELECT region, region FROM ${type.sqlName}`), `SELECT region, resource_region AS region FROM ${t}`);
      assert.equal(rewrite(`SELECT region FROM ${type.sqlName} WHERE region = 'r'`), `SELECT region FROM ${t} WHERE region = 'r'`);
      assert.equal(rewrite(`INSERT INTO ${type.sqlName} (Region, region) SELECT 'a', 'r'`), `INSERT INTO ${t} (resource_region, region) SELECT 'a', 'r'`);
      assert.equal(rewrite(`INSERT INTO ${type.sqlName} (Region) SELECT 'r'`), `INSERT INTO ${t} (Region) SELECT 'r'`);
    }
  }
  // Tables without such a property keep every word as it is.
  assert.equal(rewrite('SELECT identifier, region, region FROM awscc.sagemaker.images'), 'SELECT identifier, region, region FROM "awscc.sagemaker.images"');
});
