/**
 * A `_list_only` child listing without its key, against the endpoint through the real SDK, for every
 * type whose one key has an inferred parent: one parent (and grandparent, for a chain) and one child
 * are seeded, and the listing finds the child through its parent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findParent } from '../src/bridge/parents.js';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResourceType } from '../src/catalog/types.js';
import type { SeedDocument } from '../src/emulator/index.js';
import { validateModel } from '../src/emulator/validate.js';
import { seededRandom } from './support/random.js';
import { ParentRule } from './support/parent-rule.js';
import { session } from './support/session.js';
import { synthesise, synthesiseProperty } from './support/synthesise.js';

type Resource = SeedDocument['resources'][number];
const catalog = defaultCatalog();
const random = seededRandom(16);

/** Seeds `type` with `key` set to `value` (if given), and its ancestors; undefined when a schema defeats it. */
function family(type: ResourceType, fixed: Record<string, unknown>): Resource[] | undefined {
  const model = synthesise(type, { random });
  if (!model) return undefined;
  Object.assign(model, fixed);
  if (validateModel(type, model, { allowReadOnly: true }).length > 0) return undefined;
  const own: Resource = { TypeName: type.typeName, Region: 'us-east-1', Properties: model };
  const [key] = type.listKeys.required;
  if (key === undefined) return [own];
  const parent = findParent(type, key)!;
  const ancestors = family(parent.type, { [parent.property]: model[key] });
  return ancestors && [...ancestors, own];
}

/** A key value both the child's and the parent's schemas accept. */
function sharedValue(child: ResourceType, key: string, parent: ResourceType, property: string): unknown {
  for (const value of [synthesiseProperty(child, key, { random }), synthesiseProperty(parent, property, { random })]) {
    if (value === undefined) continue;
    const ok = (t: ResourceType, p: string) => !t.schema.properties[p] || validateModel(t, { ...synthesise(t, { random }), [p]: value }, { allowReadOnly: true }).length === 0;
    if (ok(child, key) && ok(parent, property)) return value;
  }
  return undefined;
}

/** One-key children, split by whether the documented rule, restated from the schemas, gives them a parent. */
const rule = new ParentRule(catalog);
const oneKey = [...catalog.all()].filter((t) => t.handlers.list && t.listKeys.required.length === 1);
const withParent = oneKey.filter((t) => rule.parent(t, t.listKeys.required[0]!)).map((t) => t.typeName);
const withoutParent = oneKey.filter((t) => !rule.parent(t, t.listKeys.required[0]!)).map((t) => t.typeName);

test('every _list_only child with an inferred parent lists its children through the parent', async () => {
  const walked: string[] = [];
  const skipped: string[] = [];
  for (const child of catalog.all()) {
    if (!child.handlers.list || child.listKeys.required.length !== 1) continue;
    const key = child.listKeys.required[0]!;
    const parent = findParent(child, key);
    if (!parent) continue;
    const value = sharedValue(child, key, parent.type, parent.property);
    const seeded = value === undefined ? undefined : family(child, { [key]: value });
    if (!seeded) {
      skipped.push(child.typeName);
      continue;
    }
    const s = await session({ resources: seeded });
    try {
      const column = child.columns.find((c) => c.property === key)!.name;
      const rows = await s.db.query(`SELECT * FROM ${child.sqlName}_list_only WHERE region = 'us-east-1'`);
      assert.equal(rows.length, 1, child.typeName);
      assert.equal(String(rows[0]![column]), String(value), child.typeName);
      const listed = s.take().filter((c) => c.startsWith('ListResources')).map((c) => c.split(' ')[1]);
      assert.ok(listed.includes(parent.type.typeName) && listed.at(-1) === child.typeName, `${child.typeName}: ${listed.join(', ')}`);
      walked.push(child.typeName);
    } finally {
      await s.close();
    }
  }
  assert.deepEqual(skipped, ['AWS::Connect::EmailAddress'], 'only schemas the synthesiser cannot satisfy are skipped');
  assert.deepEqual(walked, withParent.filter((t) => !skipped.includes(t)), 'every one-key child the rule gives a parent');
});

test('DataZone subscription targets are listed per domain Id, the domains listed once', async (t) => {
  const domain = (id: string): Resource => ({ TypeName: 'AWS::DataZone::Domain', Properties: { Id: id, Name: id, DomainExecutionRole: 'arn:aws:iam::123456789012:role/dz' } });
  const target = (domainId: string, name: string): Resource => ({
    TypeName: 'AWS::DataZone::SubscriptionTarget',
    Properties: { DomainIdentifier: domainId, EnvironmentIdentifier: 'env1', Name: name, Type: 'GlueSubscriptionTargetType', Provider: 'p', ApplicableAssetTypes: ['GlueTableAssetType'], AuthorizedPrincipals: ['arn:aws:iam::123456789012:role/a'], SubscriptionTargetConfig: [{ FormName: 'f', Content: '{}' }], ManageAccessRole: 'arn:aws:iam::123456789012:role/m' },
  });
  const s = await session({ resources: [domain('dzd_a1'), domain('dzd_b2'), target('dzd_a1', 't1'), target('dzd_a1', 't2'), target('dzd_b2', 't3')] });
  t.after(() => s.close());
  const rows = await s.db.query("SELECT domain_identifier FROM awscc.datazone.subscription_targets_list_only WHERE region = 'us-east-1' ORDER BY 1");
  assert.deepEqual(rows.map((r) => r.domain_identifier), ['dzd_a1', 'dzd_a1', 'dzd_b2']);
  assert.deepEqual(s.take().sort(), [
    'ListResources AWS::DataZone::Domain us-east-1',
    'ListResources AWS::DataZone::SubscriptionTarget {"DomainIdentifier":"dzd_a1"} us-east-1',
    'ListResources AWS::DataZone::SubscriptionTarget {"DomainIdentifier":"dzd_b2"} us-east-1',
  ]);
});

test('every _list_only child whose parent cannot be inferred fails before any call, and the query it names works', async () => {
  const orphans = [...catalog.all()].filter((c) => c.handlers.list && c.listKeys.required.length === 1 && !findParent(c, c.listKeys.required[0]!));
  assert.deepEqual(orphans.map((t) => t.typeName), withoutParent, 'the children the rule gives no parent');
  const seeded = orphans.flatMap((type) => {
    const model = synthesise(type, { random });
    return model && validateModel(type, model, { allowReadOnly: true }).length === 0 ? [{ type, model }] : [];
  });
  const s = await session({ resources: seeded.map(({ type, model }) => ({ TypeName: type.typeName, Properties: model })) });
  let ran = 0;
  try {
    for (const type of orphans) {
      const column = type.columns.find((c) => c.property === type.listKeys.required[0])!.name;
      let example = '';
      await assert.rejects(s.db.query(`SELECT * FROM ${type.sqlName}_list_only WHERE region = 'us-east-1'`), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'MISSING_LIST_KEY', type.typeName);
        example = /e\.g\. (SELECT .*)$/.exec(error.message)?.[1] ?? '';
        assert.equal(example, `SELECT * FROM ${type.sqlName}_list_only WHERE region = 'us-east-1' AND ${column} = '…'`, type.typeName);
        return true;
      });
      assert.deepEqual(s.take(), [], `${type.typeName} made a call`);
      const value = seeded.find((x) => x.type === type)?.model[type.listKeys.required[0]!];
      if (value === undefined) continue;
      ran += 1;
      const rows = await s.db.query(example.replace("'…'", `'${(typeof value === 'object' ? JSON.stringify(value) : String(value)).replaceAll("'", "''")}'`));
      assert.equal(rows.length, 1, type.typeName);
      s.take();
    }
    assert.ok(ran >= 70, `the named query ran for ${ran} types`);
  } finally {
    await s.close();
  }
});
