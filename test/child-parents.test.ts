/**
 * Parent inference for child listings, walked over every type listed per a key (307 types, 343
 * keys): the chosen parent obeys the rules of docs/child-tables.md and is the one those rules,
 * restated from the schemas (support/parent-rule.ts), give; the page is current. The listings through
 * each parent run against the endpoint in read-child-parents.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHILD_TABLES_DOC, renderChildTables } from '../src/catalog/child-tables-doc.js';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResourceType } from '../src/catalog/types.js';
import { findParent } from '../src/bridge/parents.js';
import { ROOT } from './support/cli.js';
import { ParentRule } from './support/parent-rule.js';

const catalog = defaultCatalog();
const all = [...catalog.all()];
const children = all.filter((t) => t.handlers.list && t.listKeys.required.length > 0);
const last = (t: ResourceType) => t.typeName.split('::').at(-1)!;
const SUFFIXES = ['Identifier', 'Id', 'ARN', 'Arn', 'Name'];
const singleIdentifiers = (t: ResourceType) => [t.primaryIdentifier, ...t.additionalIdentifiers].filter((ids) => ids.length === 1).map((ids) => ids[0]!);

function listable(t: ResourceType, depth = 0): boolean {
  if (!t.handlers.list || depth > 5) return false;
  if (t.listKeys.required.length === 0) return true;
  const parent = t.listKeys.required.length === 1 ? findParent(t, t.listKeys.required[0]!) : undefined;
  return parent !== undefined && listable(parent.type, depth + 1);
}

function stemsOf(key: string): { stem: string; suffix?: string }[] {
  const suffix = SUFFIXES.find((s) => key.endsWith(s) && key.length > s.length);
  return [...(suffix ? [{ stem: key.slice(0, -suffix.length), suffix }] : []), { stem: key }];
}

test('every chosen parent is listable, of the same service, and is the type whose identifier the key names', () => {
  assert.equal(children.length, 307);
  let inferred = 0;
  let given = 0;
  for (const child of children) {
    for (const key of child.listKeys.required) {
      const parent = findParent(child, key);
      const where = `${child.typeName} ${key}`;
      if (!parent) {
        given += 1;
        // No obvious parent was missed: no listable type named exactly by the key has the key as its identifier.
        const obvious = all.filter((t) => t.service === child.service && t !== child && listable(t) && stemsOf(key).some(({ stem }) => last(t) === stem) && singleIdentifiers(t).includes(key));
        assert.deepEqual(obvious.map((t) => t.typeName), [], `${where} has a parent to infer`);
        continue;
      }
      inferred += 1;
      const p = parent.type;
      assert.equal(p.service, child.service, where);
      assert.notEqual(p.typeName, child.typeName, where);
      assert.ok(listable(p), `${where}: ${p.typeName} cannot be listed`);
      assert.ok(singleIdentifiers(p).includes(parent.property), `${where}: ${p.typeName}.${parent.property} is not an identifier`);
      const named = stemsOf(key).some(({ stem }) => last(p).toLowerCase() === stem.toLowerCase() || last(p).endsWith(stem) || stem.endsWith(last(p)));
      assert.ok(named, `${where} does not name ${p.typeName}`);
      const nearOnly = !stemsOf(key).some(({ stem }) => last(p).toLowerCase() === stem.toLowerCase() || last(p).endsWith(stem));
      if (nearOnly) assert.equal(parent.property, key, `${where}: a type the stem only ends with is named by its identifier`);
      const suffix = stemsOf(key)[0]!.suffix;
      const spelt = parent.property === key || (suffix !== undefined && SUFFIXES.some((s) => parent.property === s || parent.property === last(p) + s));
      assert.ok(spelt, `${where} is not ${p.typeName}.${parent.property}`);
    }
  }
  // How many of each there are follows from the schemas: the rule restated from docs/child-tables.md
  // gives each key its parent, or none, and the inference must agree key by key.
  assert.ok(inferred > 0 && given > 0);
});

test('each key gets the parent the documented rule gives from the schemas, and none where no type or two types fit', () => {
  const rule = new ParentRule(catalog);
  const disagree: string[] = [];
  let keys = 0;
  for (const child of children) {
    for (const key of child.listKeys.required) {
      keys += 1;
      const found = findParent(child, key);
      const expected = rule.parent(child, key);
      const [got, want] = [found && `${found.type.typeName}.${found.property}`, expected && `${expected.typeName}.${expected.property}`];
      if (got !== want) disagree.push(`${child.typeName} ${key}: inferred ${String(got)}, the rule gives ${String(want)}`);
      if (!expected) {
        const candidates = rule.candidates(child, key);
        const best = Math.min(...candidates.map((c) => c.rank));
        const top = new Set(candidates.filter((c) => c.rank === best).map((c) => c.typeName));
        assert.ok(candidates.length === 0 || top.size > 1, `${child.typeName} ${key}: no parent, yet ${[...top].join(', ')} fits alone`);
      }
    }
  }
  assert.deepEqual(disagree, []);
  assert.equal(keys, 343, 'the keys the schemas name (DESIGN.md)');
});

test('the parents StackQL pages rely on: DataZone domains by Id, SageMaker images by ImageName, chains through a keyed parent', () => {
  const parentOf = (typeName: string, key: string) => {
    const p = findParent(catalog.byTypeName(typeName)!, key);
    return p && `${p.type.typeName}.${p.property}`;
  };
  assert.equal(parentOf('AWS::DataZone::SubscriptionTarget', 'DomainIdentifier'), 'AWS::DataZone::Domain.Id');
  assert.equal(parentOf('AWS::SageMaker::ImageVersion', 'ImageName'), 'AWS::SageMaker::Image.ImageName');
  assert.equal(parentOf('AWS::Wisdom::MessageTemplateVersion', 'MessageTemplateArn'), 'AWS::Wisdom::MessageTemplate.MessageTemplateArn');
  assert.equal(parentOf('AWS::Wisdom::MessageTemplate', 'KnowledgeBaseArn'), 'AWS::Wisdom::KnowledgeBase.KnowledgeBaseArn');
  assert.equal(parentOf('AWS::RTBFabric::Link', 'GatewayId'), undefined, 'two gateway types fit');
  assert.equal(parentOf('AWS::Deadline::Queue', 'FarmId'), undefined, 'a farm is identified by its Arn');
});

test(`${CHILD_TABLES_DOC} is current`, () => {
  const committed = readFileSync(join(ROOT, CHILD_TABLES_DOC), 'utf8');
  assert.equal(committed, renderChildTables(all), `${CHILD_TABLES_DOC} is stale; run: npm run gen:docs`);
});
