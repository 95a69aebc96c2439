import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CcsqlError } from '../src/errors.js';
import { rewriteStatement, type TableBinding } from '../src/sql/rewrite.js';
import { isComplete, parseScript, parseStatement, splitStatements } from '../src/sql/statement.js';
import { tokenize, tokenizerStats, unquote } from '../src/sql/tokenize.js';
import { imageEstate, session } from './support/session.js';

const kinds = (sql: string) => tokenize(sql).filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`);

test('invalid input: NUL characters are refused wherever they stand', () => {
  for (const sql of ['SELECT 1\u0000; DELETE FROM t', "SELECT '\u0000'", 'SELECT 1 -- \u0000', '\u0000']) {
    assert.throws(() => parseScript(sql), (e: unknown) => e instanceof CcsqlError && e.code === 'SQL_ERROR' && e.details.offset === sql.indexOf('\u0000'));
  }
  assert.throws(() => parseStatement(''), (e: unknown) => e instanceof CcsqlError && e.code === 'SQL_ERROR');
  assert.throws(() => parseStatement('SELECT 1; SELECT 2'), (e: unknown) => e instanceof CcsqlError && e.code === 'SQL_ERROR' && /2 statements/.test(e.message));
});

test('tokenize: comments, hints, strings and every quoting style stay whole', () => {
  assert.deepEqual(kinds("SELECT a -- x; y\n/* b; */ /*+ nowait */ 'it''s;' FROM t"), [
    'word:SELECT', 'word:a', 'comment:-- x; y', 'comment:/* b; */', 'hint:/*+ nowait */', "string:'it''s;'", 'word:FROM', 'word:t',
  ]);
  assert.deepEqual(kinds('"a.b.c" [x.y] `p.q` "say ""hi"""'), ['quoted:"a.b.c"', 'quoted:[x.y]', 'quoted:`p.q`', 'quoted:"say ""hi"""']);
  assert.deepEqual(tokenize('"say ""hi""" [x.y] `a``b`').filter((t) => t.kind === 'quoted').map(unquote), ['say "hi"', 'x.y', 'a`b']);
  assert.deepEqual(kinds("x'00ff' 1.5e-3 ?1 :name @v $w"), ["string:x'00ff'", 'number:1.5e-3', 'param:?1', 'param::name', 'param:@v', 'param:$w']);
  assert.deepEqual(kinds('/* never closed; SELECT 2'), ['comment:/* never closed; SELECT 2']);
});

test('split: semicolons inside strings, comments, quoted names and trigger bodies do not end a statement', () => {
  const script = [
    "SELECT ';' AS a, \"x;y\" /* not; here */ FROM t -- a comment\n",
    'CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (CASE WHEN new.a THEN 1 ELSE 2 END); UPDATE c SET n = n + 1; END',
    'CREATE TEMP TRIGGER t2 AFTER DELETE ON t BEGIN SELECT RAISE(ABORT, \'no; never\'); END',
    'BEGIN',
    'INSERT INTO t VALUES (1)',
    'END',
    'SELECT CASE WHEN 1 THEN 2 END',
  ].join(';\n');
  assert.deepEqual(splitStatements(script), [
    "SELECT ';' AS a, \"x;y\" /* not; here */ FROM t -- a comment",
    'CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (CASE WHEN new.a THEN 1 ELSE 2 END); UPDATE c SET n = n + 1; END',
    "CREATE TEMP TRIGGER t2 AFTER DELETE ON t BEGIN SELECT RAISE(ABORT, 'no; never'); END",
    'BEGIN',
    'INSERT INTO t VALUES (1)',
    'END',
    'SELECT CASE WHEN 1 THEN 2 END',
  ]);
  assert.deepEqual(splitStatements(' ;; -- only a comment\n; /*+ nowait */ ;'), []);
  assert.deepEqual(parseScript('BEGIN; SELECT 1; COMMIT').map((s) => s.kind), ['transaction', 'select', 'transaction']);
});

test('isComplete: the shell reads on until the last statement is ended', () => {
  assert.equal(isComplete('SELECT 1'), false);
  assert.equal(isComplete('SELECT 1;'), true);
  assert.equal(isComplete('SELECT 1; -- trailing comment'), true);
  assert.equal(isComplete("SELECT ';"), false);
  assert.equal(isComplete('CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;'), false);
  assert.equal(isComplete('CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;'), true);
  assert.equal(isComplete('   '), false);
});

test('parse: kind, hints, names and the write target of each statement', () => {
  const cases: [string, string, string | undefined][] = [
    ['SELECT * FROM awscc.s3.buckets', 'select', undefined],
    ['VALUES (1)', 'select', undefined],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'select', undefined],
    ['INSERT INTO awscc.s3.buckets (bucket_name) SELECT name FROM awscc.logs.log_groups', 'insert', 'awscc.s3.buckets'],
    ['REPLACE INTO awscc.s3.buckets (bucket_name) VALUES (1)', 'insert', 'awscc.s3.buckets'],
    ['UPDATE OR ROLLBACK awscc.s3.buckets SET x = 1', 'update', 'awscc.s3.buckets'],
    ["WITH old AS (SELECT * FROM awscc.logs.log_groups) DELETE FROM awscc.s3.buckets WHERE bucket_name IN (SELECT 1 FROM old)", 'delete', 'awscc.s3.buckets'],
    ['DELETE FROM local_table WHERE a IN (SELECT 1 FROM awscc.s3.buckets)', 'delete', undefined],
    ['SHOW SERVICES IN awscc', 'meta', undefined],
    ['describe awscc.s3.buckets', 'meta', undefined],
    ['SAVEPOINT a', 'transaction', undefined],
    ['CREATE TABLE t (a)', 'other', undefined],
  ];
  for (const [sql, kind, target] of cases) {
    const parsed = parseStatement(sql);
    assert.equal(parsed.kind, kind, sql);
    assert.equal(parsed.writeTarget?.text, target, sql);
    assert.ok(Object.isFrozen(parsed), sql);
  }
  const parsed = parseStatement('/*+ NoWait, create */ SELECT "awscc.a.b", awscc . s3 . x, t.awscc.s3.buckets FROM [awscc.s3.buckets], awscc.s3.buckets');
  assert.deepEqual([...parsed.hints], ['nowait', 'create']);
  assert.deepEqual(parsed.names.map((n) => n.text), ['awscc.s3.buckets'], 'quoted, spaced and four-part names are not three-part names');
});

test('rewrite: resource names become registered names, RETURNING is taken off, quoted text is untouched', () => {
  const resolve = (name: string): TableBinding<string> | undefined =>
    name.toLowerCase() === 'awscc.s3.buckets' || name.toLowerCase() === 'aws.s3.buckets' ? { readName: 'awscc.s3.buckets', writeName: 'awscc.s3.buckets:write', target: 'bucket' } : undefined;
  const read = rewriteStatement(parseStatement("SELECT data__Identifier, 'awscc.s3.buckets' FROM aws.s3.buckets WHERE data__Identifier = 'x'"), resolve);
  assert.equal(read.sql, `SELECT Identifier, 'awscc.s3.buckets' FROM "awscc.s3.buckets" WHERE Identifier = 'x'`);
  assert.deepEqual([...read.tables.keys()], ['awscc.s3.buckets']);
  const write = rewriteStatement(parseStatement('INSERT INTO awscc.s3.buckets (bucket_name) VALUES (1) RETURNING "Identifier", OperationStatus;'), resolve);
  assert.equal(write.sql, 'INSERT INTO "awscc.s3.buckets:write" (bucket_name) VALUES (1)');
  assert.deepEqual(write.returning, ['Identifier', 'OperationStatus']);
  assert.equal(write.writeTarget?.target, 'bucket');
  const unknown = rewriteStatement(parseStatement('SELECT * FROM awscc.s3.bukkets, other.s3.things'), resolve);
  assert.deepEqual(unknown.unknown, ['awscc.s3.bukkets'], 'only names under a known provider are unknown tables');
  const local = rewriteStatement(parseStatement('SELECT data__Identifier FROM t'), resolve);
  assert.equal(local.sql, 'SELECT data__Identifier FROM t', 'StackQL spellings are rewritten only where resource tables are used');
});

test('a statement is tokenized once on its way through execute and executeScript', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  await s.db.query('SELECT 1');
  const before = tokenizerStats.calls;
  await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' /*+ nowait */");
  assert.equal(tokenizerStats.calls - before, 1, 'a read');
  const afterRead = tokenizerStats.calls;
  await s.db.query('DESCRIBE awscc.sagemaker.images');
  assert.equal(tokenizerStats.calls - afterRead, 1, 'a metadata statement');
  const afterMeta = tokenizerStats.calls;
  const results = await s.db.executeScript("CREATE TABLE seen (n TEXT); INSERT INTO seen SELECT image_name FROM awscc.sagemaker.images; SELECT count(*) AS n FROM seen");
  assert.equal(tokenizerStats.calls - afterMeta, 1, 'a whole script');
  assert.deepEqual(results.at(-1)!.rows, [{ n: 1 }]);
  const afterScript = tokenizerStats.calls;
  const [parsed] = parseScript('SELECT 2 AS two');
  assert.deepEqual(await s.db.query(parsed!), [{ two: 2 }]);
  assert.equal(tokenizerStats.calls - afterScript, 1, 'a parsed statement handed to execute is not parsed again');
});
