/**
 * What a user passes or reads never becomes something else: a --var value is a value (never SQL), the
 * environment is reached only by name, escape sequences in resource data never reach the terminal,
 * and what is not a user's mistake reads as one line asking for a report.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { format } from '../src/cli/format.js';
import { errorLine, reportError } from '../src/cli/report.js';
import { envVars } from '../src/cli/template/env.js';
import { render } from '../src/cli/template/render.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { CcsqlError } from '../src/index.js';
import { runCli, SEED, SKIP_UNBUILT } from './support/cli.js';

test('a placeholder outside a quoted string is a literal: text quoted, numbers bare, never SQL', () => {
  const attack = "x' OR 1=1; DELETE FROM awscc.sagemaker.images WHERE '1";
  assert.equal(render('SELECT * FROM t WHERE name = {{ v }}', { v: attack }), `SELECT * FROM t WHERE name = 'x'' OR 1=1; DELETE FROM awscc.sagemaker.images WHERE ''1'`);
  assert.equal(render('SELECT 1 WHERE 1 = {{ v }}', { v: '1; DELETE FROM awscc.sagemaker.images' }), "SELECT 1 WHERE 1 = '1; DELETE FROM awscc.sagemaker.images'");
  assert.equal(render('SELECT {{ n }}, {{ f }}, {{ s }}, {{ b }}, {{ z }}', { n: 5, f: '-1.5e3', s: '10', b: true, z: null }), 'SELECT 5, -1.5e3, 10, TRUE, NULL');
  assert.equal(render('SELECT {{ o }}', { o: { a: "it's" } }), `SELECT '{"a":"it''s"}'`);
  assert.equal(render('SELECT * FROM t WHERE x IN {{ l | sql_list }}', { l: ["a'b", 'c'] }), "SELECT * FROM t WHERE x IN ('a''b','c')");
  assert.equal(render('SELECT {{ v | sql_escape }}', { v: "it's" }), "SELECT 'it''s'");
  assert.equal(render('SELECT "{{ v }}"', { v: 'a"b' }), 'SELECT "a""b"');
  // `safe` no longer means raw SQL: only sqlraw does, and it says so.
  assert.equal(render("SELECT '{{ v | safe }}'", { v: "it's" }), "SELECT 'it''s'");
  assert.equal(render('SELECT * FROM {{ t | sqlraw }}', { t: 'awscc.s3.buckets' }), 'SELECT * FROM awscc.s3.buckets');
  for (const sql of ['-- {{ v }}\nSELECT 1', '/* {{ v }} */ SELECT 1']) {
    assert.throws(() => render(sql, { v: 'x\nDELETE FROM t' }), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT' && /comment/.test(e.message), sql);
  }
});

test('the environment is reached only through --var-env NAME', () => {
  assert.throws(() => render('{{ vars.AWS_SECRET_ACCESS_KEY }}', {}), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => render('{{ AWS_SECRET_ACCESS_KEY }}', {}), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT');
  const env = { AWS_REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: 'secret' };
  const vars = envVars(['AWS_REGION'], env);
  assert.deepEqual(vars, { AWS_REGION: 'eu-west-1' });
  assert.equal(render("'{{ vars.AWS_REGION }}' '{{ AWS_REGION }}'", vars), "'eu-west-1' 'eu-west-1'");
  assert.throws(() => envVars(['NOT_SET_ANYWHERE'], env), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT' && /NOT_SET_ANYWHERE/.test(e.message));
});

test('table, line and markdown output show control characters and escape sequences escaped', () => {
  const evil = 'a\u001b[31mred\u001b]0;title\u0007\r\u009b2J\u202eb\u0000';
  const shown = 'a\\x1b[31mred\\x1b]0;title\\x07\\r\\x9b2J\\u202eb\\x00';
  const set = { columns: ['tag\u001b[1m'], rows: [{ 'tag\u001b[1m': evil }] };
  for (const mode of ['table', 'line', 'markdown'] as const) {
    const out = format(mode, set, { headers: true });
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(out), mode);
    assert.ok(out.includes(shown), mode);
    assert.ok(out.includes('tag\\x1b[1m'), mode);
  }
  // Machine formats keep the data as it is (JSON escapes it by its own rules).
  assert.equal(JSON.parse(format('json', set, { headers: true }))[0]['tag\u001b[1m'], evil);
});

test('an error that is no user mistake is one line asking for a report; --verbose shows the rest', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading '#registry')");
  assert.equal(errorLine(bug), 'Error: internal error in ccsql, please report it (run again with --verbose for the details).\n');
  const lines: string[] = [];
  reportError(bug, true, (text) => lines.push(text));
  assert.match(lines.join(''), /TypeError: Cannot read properties/);
  assert.equal(errorLine(new CcsqlError('SQL_ERROR', 'near "SELEC": syntax error')), 'Error: near "SELEC": syntax error\n');
  const internal = new CcsqlError('INTERNAL', 'Internal error in ccsql, please report it.', {}, { cause: bug });
  assert.equal(errorLine(internal), 'Error: internal error in ccsql, please report it (run again with --verbose for the details).\n');
  const verbose: string[] = [];
  reportError(internal, true, (text) => verbose.push(text));
  assert.match(verbose.join(''), /reading '#registry'/);
});

describe('the command', { skip: SKIP_UNBUILT }, () => {
  let emulator: Emulator;
  let aws: string[];
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: SEED });
    aws = ['--endpoint-url', emulator.url, '-r', 'us-east-1'];
  });
  after(() => emulator.close());

  test('a --var value that tries to end the statement stays one value and sends nothing', async () => {
    emulator.clearCalls();
    const run = await runCli([...aws, '-o', 'json', '--var', "n=beta' OR 1=1; DELETE FROM awscc.sagemaker.images WHERE '1", 'SELECT image_name FROM awscc.sagemaker.images WHERE region = {{ r }} AND image_name = {{ n }}', '--var', 'r=us-east-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
    assert.deepEqual(emulator.calls.filter((c) => c.op === 'DeleteResource'), []);
  });

  test('--var-env NAME reads one variable; without it the environment is out of reach', async () => {
    const sql = "SELECT '{{ vars.AWS_SECRET_ACCESS_KEY }}' AS s";
    const denied = await runCli([...aws, sql]);
    assert.equal(denied.code, 1);
    assert.ok(!denied.stdout.includes('ccsql-test-secret') && !denied.stderr.includes('ccsql-test-secret'));
    const allowed = await runCli([...aws, '-o', 'json', '--var-env', 'CCSQL_TEAM', "SELECT '{{ CCSQL_TEAM }}' AS t"], { env: { CCSQL_TEAM: 'ml' } });
    assert.deepEqual(JSON.parse(allowed.stdout), [{ t: 'ml' }]);
  });

  test('an escape sequence in a tag value is printed escaped', async () => {
    const run = await runCli([...aws, '-o', 'line', "SELECT char(27) || '[2J' || char(7) AS tag_value"]);
    assert.equal(run.stdout, 'tag_value = \\x1b[2J\\x07\n');
  });
});
