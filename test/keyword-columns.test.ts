/**
 * Properties whose column name is an SQLite keyword (`values`, `primary`, `update`, `group`, …):
 * StackQL's statements write them bare, and ccsql reads a bare keyword as the column where only a
 * column can stand, against the endpoint through the real SDK. Every such property of the catalog
 * is walked with a SELECT of the bare column and an INSERT listing it; StackQL's own statements for
 * `awscc.connect.predefined_attributes` run verbatim.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keywordColumns } from '../src/bridge/keyword-columns.js';
import { defaultCatalog } from '../src/catalog/index.js';
import type { Column, ResourceType } from '../src/catalog/types.js';
import { validateModel } from '../src/emulator/validate.js';
import { rewriteStatement } from '../src/sql/rewrite.js';
import { parseStatement } from '../src/sql/statement.js';
import { seededRandom } from './support/random.js';
import { synthesise, synthesiseProperty } from './support/synthesise.js';
import { takeCalls, writeCalls, writeSession } from './support/writes.js';

/**
 * SQLite's keywords as its documentation lists them (https://sqlite.org/lang_keywords.html, 147
 * words): the test's own list, kept apart from how ccsql decides, so the walk covers every
 * property that is a keyword, those SQLite already reads as a name (`key`, `action`) included.
 */
const SQLITE_KEYWORDS = new Set(
  `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK
  COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT
  DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER
  FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER
  INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL
  NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES
  REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN
  TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT`
    .split(/\s+/)
    .map((w) => w.toLowerCase()),
);

const random = seededRandom(147);
const quote = (v: unknown) => `'${(typeof v === 'object' ? JSON.stringify(v) : String(v)).replaceAll("'", "''")}'`;
const cases = [...defaultCatalog().all()].flatMap((type) => type.columns.filter((c) => SQLITE_KEYWORDS.has(c.name)).map((column) => ({ type, column })));

/** A model the endpoint accepts, with the keyword property set. */
function modelOf(type: ResourceType, column: Column): Record<string, unknown> | undefined {
  const model = synthesise(type, { random });
  if (!model) return undefined;
  model[column.property] ??= synthesiseProperty(type, column.property, { random });
  // A property that may be an object or a string (an IAM policy document) has a text column: send text.
  for (const c of type.columns) if (c.type === 'string' && typeof model[c.property] === 'object') model[c.property] = JSON.stringify(model[c.property]);
  return validateModel(type, model).length === 0 ? model : undefined;
}

/** The value a read shows for a property: JSON text for objects and arrays, 1/0 for booleans. */
function shown(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return typeof value === 'boolean' ? Number(value) : value;
}

test('the SQLite keyword list has its 147 words, and the catalog has properties named like them', () => {
  assert.equal(SQLITE_KEYWORDS.size, 147);
  const words = new Set(cases.map((c) => c.column.name));
  for (const word of ['values', 'primary', 'update', 'group', 'key', 'action']) assert.ok(words.has(word), word);
  assert.ok(cases.length >= 25, `${cases.length} properties`);
});

test('every property named like an SQLite keyword: an INSERT listing it bare and a SELECT of it bare', async (t) => {
  const s = await writeSession(undefined, {}, { asyncPolls: 0 });
  t.after(() => s.close());
  const failures: string[] = [];
  let walked = 0;
  for (const { type, column } of cases) {
    const model = modelOf(type, column);
    if (!model) {
      failures.push(`${type.typeName}.${column.property}: no model could be synthesised`);
      continue;
    }
    const others = Object.keys(model).filter((p) => p !== column.property);
    const sql = `INSERT INTO ${type.sqlName} (${[...others, column.name, 'region'].join(', ')}) SELECT ${[...others, column.property].map((p) => quote(model[p])).join(', ')}, 'us-east-1' RETURNING Identifier`;
    try {
      const [created] = (await s.db.execute(sql)).rows;
      const sent = writeCalls(takeCalls(s));
      assert.deepEqual(sent.map((c) => [c.op, c.body.TypeName, c.body.DesiredState]), [['CreateResource', type.typeName, model]]);
      const [read] = await s.db.query(`SELECT region, ${column.name} FROM ${type.sqlName} WHERE region = 'us-east-1' AND Identifier = ${quote(created!.Identifier)}`);
      const expected = type.writeOnly.includes(column.property) ? null : shown(model[column.property]);
      assert.deepEqual(read, { region: 'us-east-1', [column.name]: expected });
      walked += 1;
    } catch (error) {
      failures.push(`${type.typeName}.${column.property}: ${(error as Error).message.split('\n')[0]}`);
    }
    takeCalls(s);
  }
  assert.deepEqual(failures, []);
  assert.equal(walked, cases.length);
});

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/8c3a7d1e-0b7f-4c5e-9a51-2f1e3d4c5b6a';
const VALUES = { StringList: ['gold', 'silver'] };

/** StackQL's statements for awscc.connect.predefined_attributes, as its page prints them, placeholders filled. */
const STACKQL = {
  insertRequired: `/*+ create */
INSERT INTO awscc.connect.predefined_attributes (
 InstanceArn,
 Name,
 region
)
SELECT 
'${INSTANCE}',
 'basic',
'us-east-1';`,
  insertAll: `/*+ create */
INSERT INTO awscc.connect.predefined_attributes (
 InstanceArn,
 Name,
 Values,
 Purposes,
 AttributeConfiguration,
 region
)
SELECT 
 '${INSTANCE}',
 'tier',
 '${JSON.stringify(VALUES)}',
 '["routing"]',
 '{"EnableValueValidationOnAssociation": true, "IsReadOnly": false}',
 'us-east-1';`,
  get: `SELECT
region,
instance_arn,
name,
values,
purposes,
attribute_configuration,
last_modified_region,
last_modified_time
FROM awscc.connect.predefined_attributes
WHERE region = 'us-east-1' AND Identifier = '${INSTANCE}|tier';`,
  update: `/*+ update */
UPDATE awscc.connect.predefined_attributes
SET PatchDocument = string('[{"op": "replace", "path": "/Values", "value": {"StringList": ["gold"]}}]')
WHERE region = 'us-east-1'
AND Identifier = '${INSTANCE}|tier';`,
  delete: `/*+ delete */
DELETE FROM awscc.connect.predefined_attributes
WHERE Identifier = '${INSTANCE}|tier'
AND region = 'us-east-1';`,
};

test("StackQL's statements for awscc.connect.predefined_attributes run verbatim", async (t) => {
  const s = await writeSession(undefined, {}, { asyncPolls: 0 });
  t.after(() => s.close());
  await s.db.execute(STACKQL.insertRequired);
  await s.db.execute(STACKQL.insertAll);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => c.body.DesiredState), [
    { InstanceArn: INSTANCE, Name: 'basic' },
    { InstanceArn: INSTANCE, Name: 'tier', Values: VALUES, Purposes: ['routing'], AttributeConfiguration: { EnableValueValidationOnAssociation: true, IsReadOnly: false } },
  ]);
  const [got] = await s.db.query(STACKQL.get);
  assert.deepEqual({ ...got, last_modified_region: undefined, last_modified_time: undefined }, {
    region: 'us-east-1',
    instance_arn: INSTANCE,
    name: 'tier',
    values: JSON.stringify(VALUES),
    purposes: '["routing"]',
    attribute_configuration: '{"EnableValueValidationOnAssociation":true,"IsReadOnly":false}',
    last_modified_region: undefined,
    last_modified_time: undefined,
  });
  await s.db.execute(STACKQL.update);
  const [patched] = await s.db.query(STACKQL.get);
  assert.equal(patched!.values, '{"StringList":["gold"]}');
  await s.db.execute(STACKQL.delete);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => c.op), ['UpdateResource', 'DeleteResource']);
  assert.deepEqual(await s.db.query(STACKQL.get), []);
});

test('a bare keyword column is read in every place only a column can stand; the keyword stays SQL elsewhere', async (t) => {
  const s = await writeSession(undefined, {}, { asyncPolls: 0 });
  t.after(() => s.close());
  const table = 'awscc.connect.predefined_attributes';
  // VALUES (…) of an INSERT beside the column named values.
  await s.db.execute(`INSERT INTO ${table} (InstanceArn, Name, values) VALUES ('${INSTANCE}', 'a', '{"StringList": ["x"]}'), ('${INSTANCE}', 'b', '{"StringList": ["y"]}')`);
  const where = `WHERE p.region = 'us-east-1' AND p.Identifier IN ('${INSTANCE}|a', '${INSTANCE}|b')`;
  assert.deepEqual(await s.db.query(`SELECT DISTINCT p.values, json_extract(values, '$.StringList[0]') AS first FROM ${table} p ${where} AND values LIKE '%x%'`), [{ values: '{"StringList":["x"]}', first: 'x' }]);
  assert.deepEqual(await s.db.query(`SELECT name, CASE WHEN '{"StringList":["y"]}' = values THEN 'y' ELSE 'n' END AS is_y FROM ${table} p ${where} ORDER BY values DESC`), [{ name: 'b', is_y: 'y' }, { name: 'a', is_y: 'n' }]);
  await s.db.execute(`UPDATE ${table} SET values = '{"StringList": ["z"]}' WHERE region = 'us-east-1' AND Identifier = '${INSTANCE}|a' AND values IS NOT NULL`);
  const sent = writeCalls(takeCalls(s));
  assert.deepEqual(sent.map((c) => [c.op, c.body.Identifier ?? c.body.DesiredState]), [
    ['CreateResource', { InstanceArn: INSTANCE, Name: 'a', Values: { StringList: ['x'] } }],
    ['CreateResource', { InstanceArn: INSTANCE, Name: 'b', Values: { StringList: ['y'] } }],
    ['UpdateResource', `${INSTANCE}|a`],
  ]);
  assert.deepEqual(sent[2]!.body.PatchDocument, [{ op: 'replace', path: '/Values/StringList', value: ['z'] }]);
  // GROUP BY beside a column named group; a table without such a column keeps VALUES as SQL.
  assert.deepEqual(await s.db.query('SELECT group, count(*) AS n FROM awscc.resourcegroups.tag_sync_tasks WHERE region = \'us-east-1\' GROUP BY group'), []);
  assert.deepEqual(await s.db.query('SELECT * FROM (VALUES (1)) JOIN awscc.sagemaker.images ON 0'), []);
});

test('SQLite decides which names need quoting: of the whole catalog, group, primary, update and values', () => {
  const all = [...defaultCatalog().all()].flatMap((type) => type.columns.map((c) => c.name));
  assert.deepEqual(keywordColumns(all).sort(), ['group', 'primary', 'update', 'values']);
  assert.deepEqual(keywordColumns(['NULL', 'current_time', 'Select', 'distinct', 'key', 'action', 'rowid', 'image_name', 'with space']), ['null', 'current_time', 'select', 'distinct']);
});

test('the rewrite quotes a keyword column where only a column can stand, and nowhere else', () => {
  const catalog = defaultCatalog();
  const resolve = (name: string) => {
    const hit = catalog.resolve(name);
    return hit && { readName: name, keywords: keywordColumns(hit.type.columns.map((c) => c.name)), target: hit };
  };
  const rewrite = (sql: string) => rewriteStatement(parseStatement(sql), resolve).sql;
  const pa = 'awscc.connect.predefined_attributes';
  const cases: [string, string][] = [
    [`SELECT region, name, values FROM ${pa}`, `SELECT region, name, "values" FROM "${pa}"`],
    [`SELECT DISTINCT values AS v, p.values, json_extract(values, '$.x') FROM ${pa} p`, `SELECT DISTINCT "values" AS v, p."values", json_extract("values", '$.x') FROM "${pa}" p`],
    [`INSERT INTO ${pa} (InstanceArn, Values, region) VALUES ('a', 'values', 'r')`, `INSERT INTO "${pa}" (InstanceArn, "Values", region) VALUES ('a', 'values', 'r')`],
    [`SELECT 1 FROM ${pa} WHERE values = 'x' OR 'x' <> values OR values IS NULL OR values LIKE '%' ORDER BY values DESC`, `SELECT 1 FROM "${pa}" WHERE "values" = 'x' OR 'x' <> "values" OR "values" IS NULL OR "values" LIKE '%' ORDER BY "values" DESC`],
    [`SELECT CASE WHEN values IS NULL THEN NULL ELSE values END FROM ${pa}, (VALUES (1))`, `SELECT CASE WHEN "values" IS NULL THEN NULL ELSE "values" END FROM "${pa}", (VALUES (1))`],
    [`SELECT CASE values WHEN 'a' THEN 1 END FROM ${pa} WHERE name LIKE values OR name BETWEEN values AND 'z'`, `SELECT CASE "values" WHEN 'a' THEN 1 END FROM "${pa}" WHERE name LIKE "values" OR name BETWEEN "values" AND 'z'`],
    [`SELECT "values", values v FROM ${pa}`, `SELECT "values", values v FROM "${pa}"`],
    ['SELECT group FROM awscc.resourcegroups.tag_sync_tasks GROUP BY group', 'SELECT "group" FROM "awscc.resourcegroups.tag_sync_tasks" GROUP BY "group"'],
    ["UPDATE awscc.iotwireless.task_definitions SET update = '{}', name = 'n' WHERE update IS NULL", `UPDATE "awscc.iotwireless.task_definitions" SET "update" = '{}', name = 'n' WHERE "update" IS NULL`],
    ['SELECT primary FROM awscc.connect.data_table_attributes', 'SELECT "primary" FROM "awscc.connect.data_table_attributes"'],
    // A table without such a column keeps every word as written.
    ['SELECT values FROM awscc.sagemaker.images', 'SELECT values FROM "awscc.sagemaker.images"'],
  ];
  for (const [sql, expected] of cases) assert.equal(rewrite(sql), expected, sql);
});
