/**
 * A filter on identifier columns is applied to the listing before any GetResource, so only the
 * matching resources are read; anything not plainly a filter every kept row meets reads all, as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatement } from '../src/sql/statement.js';
import { columnTerms } from '../src/sql/where-terms.js';
import type { SeedDocument } from '../src/emulator/index.js';
import { session } from './support/session.js';

const LOG_GROUP = 'AWS::Logs::LogGroup';

function logGroups(): SeedDocument {
  const resources: SeedDocument['resources'][number][] = [];
  for (let i = 0; i < 100; i += 1) {
    const name = i % 20 === 7 ? `/app/service-${i}` : `/aws/lambda/fn-${String(i).padStart(3, '0')}`;
    resources.push({ TypeName: LOG_GROUP, Region: 'us-east-1', Properties: { LogGroupName: name, RetentionInDays: [1, 3, 5, 7, 14, 30][i % 6] } });
  }
  return { resources };
}

const terms = (sql: string) => columnTerms(parseStatement(sql)).map((t) => `${t.column}`);

test('the terms found are top-level AND terms on one column against constants', () => {
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE +log_group_name LIKE '/app/%' AND retention_in_days > 3"), ['log_group_name', 'retention_in_days']);
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups l WHERE l.log_group_name BETWEEN 'a' AND 'b' AND log_group_name NOT IN ('x', 'y')"), ['log_group_name', 'log_group_name']);
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE log_group_name LIKE '/app/%' OR retention_in_days = 1"), [], 'OR: no term holds for every row');
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups, t WHERE log_group_name LIKE '/app/%'"), [], 'an unqualified column with two tables');
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups l, t WHERE l.log_group_name LIKE '/app/%'"), ['log_group_name']);
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE log_group_name LIKE lower('/APP/%')"), [], 'a function is not a constant');
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE log_group_name LIKE ?"), [], 'a parameter is not a constant');
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE log_group_name IS NOT NULL"), []);
  assert.deepEqual(terms("WITH x AS (SELECT 1) SELECT * FROM awscc.logs.log_groups WHERE log_group_name LIKE 'a%'"), []);
  assert.deepEqual(terms("SELECT * FROM awscc.logs.log_groups WHERE log_group_name LIKE 'a%' UNION SELECT * FROM awscc.logs.log_groups"), []);
  assert.deepEqual(terms("SELECT * FROM (SELECT * FROM awscc.logs.log_groups) WHERE log_group_name LIKE 'a%'"), [], 'the table is not in the top-level FROM');
});

test('+log_group_name LIKE reads the listing and only the five matching log groups', async (t) => {
  const s = await session(logGroups());
  t.after(() => s.close());
  const sql = "SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups WHERE +log_group_name LIKE '/app/%' ORDER BY 1";
  const rows = await s.db.query(sql);
  assert.deepEqual(rows.map((r) => r.log_group_name), ['/app/service-27', '/app/service-47', '/app/service-67', '/app/service-7', '/app/service-87']);
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.startsWith('ListResources')).length, 4);
  assert.deepEqual(calls.filter((c) => c.startsWith('GetResource')).sort(), rows.map((r) => `GetResource ${LOG_GROUP} ${r.log_group_name} us-east-1`).sort());
  // Without the +, the rewrite makes the same local filter.
  assert.deepEqual(await s.db.query(sql.replace('+', '')), rows);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 5);
  // The same rows as a filter SQLite applies after reading everything (an expression the prefilter leaves alone).
  assert.deepEqual(await s.db.query(sql.replace('+log_group_name', "(log_group_name || '')")), rows);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 100);
});

test('comparisons, IN, BETWEEN, GLOB and NOT LIKE give the rows a full read gives', async (t) => {
  const s = await session(logGroups());
  t.after(() => s.close());
  const filters = [
    "l.log_group_name GLOB '/app/*7'",
    "log_group_name > '/aws/lambda/fn-09' AND log_group_name <= '/aws/lambda/fn-1'",
    "log_group_name BETWEEN '/app/' AND '/app/service-5'",
    "log_group_name IN ('/app/service-7', '/aws/lambda/fn-001', 'nope')",
    "log_group_name NOT LIKE '/aws/%'",
    "log_group_name <> '/app/service-7' AND log_group_name LIKE '/APP/%'",
    "+log_group_name = '/app/service-47' COLLATE NOCASE",
    'log_group_name < 5',
  ];
  for (const filter of filters) {
    const sql = `SELECT log_group_name, retention_in_days FROM awscc.logs.log_groups l WHERE ${filter} ORDER BY 1`;
    const expected = await s.db.query(sql.replace(/(l\.)?log_group_name (?!\|)/g, "(log_group_name || '') "));
    s.take();
    assert.deepEqual(await s.db.query(sql), expected, filter);
    const calls = s.take();
    if (filter.includes(' IN (')) {
      // `=`/IN on the identifier is one GetResource per value, the one that is not there included, and no listing.
      assert.deepEqual(calls.map((c) => c.split(' ').slice(0, 3).join(' ')).sort(), ['GetResource AWS::Logs::LogGroup /app/service-7', 'GetResource AWS::Logs::LogGroup /aws/lambda/fn-001', 'GetResource AWS::Logs::LogGroup nope'], filter);
      continue;
    }
    assert.equal(calls.filter((c) => c.startsWith('GetResource')).length, expected.length, filter);
  }
});

test('an OR, or a filter on a column GetResource fills, reads every log group as before', async (t) => {
  const s = await session(logGroups());
  t.after(() => s.close());
  const either = await s.db.query("SELECT log_group_name FROM awscc.logs.log_groups WHERE log_group_name LIKE '/app/%' OR retention_in_days = 0");
  assert.equal(either.length, 5);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 100);
  const other = await s.db.query('SELECT log_group_name FROM awscc.logs.log_groups WHERE retention_in_days = 7');
  assert.equal(other.length, 17);
  assert.equal(s.take().filter((c) => c.startsWith('GetResource')).length, 100);
  // The same table read twice (a self-join) keeps every row for the other scan.
  const twice = await s.db.query("SELECT count(*) AS n FROM awscc.logs.log_groups a JOIN awscc.logs.log_groups_list_only b ON b.log_group_name = a.log_group_name WHERE a.log_group_name LIKE '/app/%' AND a.retention_in_days > 0");
  assert.deepEqual(twice, [{ n: 5 }]);
});

test('the terms of a DELETE or an UPDATE are found as a SELECT\'s; an UPDATE … FROM finds none', () => {
  assert.deepEqual(terms("DELETE FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name LIKE '/app/%' RETURNING *"), ['region', 'log_group_name']);
  assert.deepEqual(terms("UPDATE awscc.logs.log_groups SET retention_in_days = 7 WHERE log_group_name LIKE '/app/%' AND retention_in_days <> 7"), ['log_group_name', 'retention_in_days']);
  assert.deepEqual(terms("UPDATE awscc.logs.log_groups AS l SET retention_in_days = 7 WHERE l.log_group_name LIKE '/app/%'"), ['log_group_name']);
  assert.deepEqual(terms("UPDATE awscc.logs.log_groups SET retention_in_days = t.d FROM t WHERE log_group_name LIKE '/app/%'"), []);
  assert.deepEqual(terms("DELETE FROM awscc.logs.log_groups WHERE log_group_name LIKE '/app/%' OR retention_in_days = 1"), []);
});

test('an UPDATE or DELETE by LIKE on an identifier reads only the resources it targets', async (t) => {
  const s = await session(logGroups());
  t.after(() => s.close());
  const update = await s.db.execute("UPDATE awscc.logs.log_groups SET retention_in_days = 60 WHERE region = 'us-east-1' AND log_group_name LIKE '/app/%'", [], { confirm: () => true });
  assert.equal(update.changes, 5);
  const calls = s.take().map((c) => c.split(' ')[0]);
  assert.deepEqual(calls.filter((c) => c === 'GetResource').length, 5, 'the five /app/ log groups read, not the hundred listed');
  assert.equal(calls.filter((c) => c === 'UpdateResource').length, 5);
  await s.db.execute("DELETE FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name LIKE '/app/service-4%'", [], { confirm: () => true });
  const deleted = s.take();
  assert.deepEqual(deleted.filter((c) => c.startsWith('GetResource ') || c.startsWith('DeleteResource ')).map((c) => c.split(' ').slice(0, 3).join(' ')), ['GetResource AWS::Logs::LogGroup /app/service-47', 'DeleteResource AWS::Logs::LogGroup /app/service-47']);
});

test('a write whose statement reads its own table again (a subquery) reads every listed resource, as before', async (t) => {
  const s = await session(logGroups());
  t.after(() => s.close());
  await s.db.execute("DELETE FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name LIKE '/app/service-4%' AND retention_in_days IN (SELECT retention_in_days FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name LIKE '/aws/%')", [], { confirm: () => true });
  const gets = new Set(s.take().filter((c) => c.startsWith('GetResource ')).map((c) => c.split(' ')[2]));
  assert.equal(gets.size, 100, 'the subquery\'s scan of the same table is not filtered by the DELETE\'s term');
});
