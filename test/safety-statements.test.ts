/**
 * A statement does what its text says, exactly once: statements of one database run one after
 * another, local side effects of a statement that reads resources happen once, constraints met only
 * when a round's data is complete do not abort, ROLLBACK conflict handling reports as SQLite does,
 * a CTE is never a write's target, NUL bytes send nothing, and random()/now are stable across rounds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CcsqlError } from '../src/index.js';
import { imageEstate, session } from './support/session.js';
import { opsOf, takeCalls, writeSession, imageArn, ROLE } from './support/writes.js';

const IMAGES = 'awscc.sagemaker.images';

test('many execute() calls at once on one database keep every committed local write', async (t) => {
  const s = await writeSession(imageEstate(3, 2));
  t.after(() => s.close());
  await s.db.execute('CREATE TABLE seen (n INTEGER, image_name TEXT, version_count INTEGER)');
  const statements = Array.from({ length: 24 }, (_, n) => {
    if (n % 4 === 0) return s.db.execute(`INSERT INTO seen VALUES (${n}, NULL, NULL)`);
    // A resource write keeps a savepoint open while it fetches the rows it changes.
    if (n % 8 === 1) return s.db.execute(`UPDATE ${IMAGES} SET image_description = 'seen ${n}' WHERE region = 'us-east-1' AND image_name = 'img-00${n % 3}'`, [], { nowait: true });
    return s.db.execute(
      `INSERT INTO seen SELECT ${n}, i.image_name, (SELECT count(*) FROM awscc.sagemaker.image_versions v WHERE v.image_name = i.image_name AND v.region = 'us-east-1')
       FROM ${IMAGES} i WHERE i.region = 'us-east-1'`,
    );
  });
  await Promise.all(statements);
  const rows = await s.db.query<{ n: number; image_name: string | null; version_count: number | null }>('SELECT * FROM seen ORDER BY n, image_name');
  const expected = Array.from({ length: 24 }, (_, n) =>
    n % 4 === 0 ? [{ n, image_name: null, version_count: null }] : n % 8 === 1 ? [] : ['img-000', 'img-001', 'img-002'].map((image_name) => ({ n, image_name, version_count: 2 })),
  ).flat();
  assert.deepEqual(rows, expected);
  const updates = takeCalls(s).filter((c) => c.op === 'UpdateResource');
  assert.equal(updates.length, 3);
});

test('a write to a local table that reaches resources only through a view runs its side effects once', async (t) => {
  const s = await session(imageEstate(3));
  t.after(() => s.close());
  await s.db.executeScript(`
    CREATE TABLE audit (image_name TEXT);
    CREATE TABLE inbox (n INTEGER);
    CREATE VIEW east AS SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1';
    CREATE TRIGGER inbox_audit AFTER INSERT ON inbox BEGIN INSERT INTO audit SELECT image_name FROM east; END;
  `);
  const result = await s.db.execute('INSERT INTO inbox VALUES (1)');
  assert.ok(result.rounds > 1, 'the statement needed a fetch');
  const audit = await s.db.query('SELECT image_name FROM audit ORDER BY 1');
  assert.deepEqual(audit, [{ image_name: 'img-000' }, { image_name: 'img-001' }, { image_name: 'img-002' }]);
  assert.deepEqual(await s.db.query('SELECT n FROM inbox'), [{ n: 1 }]);
});

test('statements that cannot run in a transaction still run', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  await s.db.execute('CREATE TABLE x (a)');
  await s.db.execute('VACUUM');
  await s.db.execute("ATTACH ':memory:' AS other");
  await s.db.execute('DETACH other');
  await s.db.execute('PRAGMA journal_mode = MEMORY');
  await s.db.execute('BEGIN');
  await s.db.execute('INSERT INTO x VALUES (1)');
  await s.db.execute('COMMIT');
  assert.deepEqual(await s.db.query('SELECT a FROM x'), [{ a: 1 }]);
});

test('a NOT NULL, CHECK or UNIQUE constraint met only once every round has its data fetches and runs again', async (t) => {
  const s = await session(imageEstate(2, 1));
  t.after(() => s.close());
  await s.db.executeScript(`
    CREATE TABLE described (image_name TEXT NOT NULL, description TEXT NOT NULL CHECK (description <> ''));
    CREATE TABLE one_each (image_name TEXT UNIQUE);
  `);
  const full = (column: string) => `(SELECT ${column} FROM ${IMAGES} d WHERE d.Identifier = i.image_arn AND d.region = 'us-east-1')`;
  await s.db.execute(`INSERT INTO described SELECT ${full('image_name')}, ${full('image_description')} FROM ${IMAGES}_list_only i WHERE i.region = 'us-east-1'`);
  assert.deepEqual(await s.db.query('SELECT * FROM described ORDER BY 1'), [
    { image_name: 'img-000', description: 'image 0' },
    { image_name: 'img-001', description: 'image 1' },
  ]);
  // Until versions are fetched, every image looks like it has the same (NULL-free) placeholder.
  await s.db.execute(`INSERT INTO one_each SELECT coalesce((SELECT v.image_name FROM awscc.sagemaker.image_versions v WHERE v.image_name = i.image_name AND v.region = 'us-east-1'), 'none') FROM ${IMAGES} i WHERE i.region = 'us-east-1'`);
  assert.deepEqual(await s.db.query('SELECT * FROM one_each ORDER BY 1'), [{ image_name: 'img-000' }, { image_name: 'img-001' }]);
  // A constraint that fails with every row at hand is still the error it is.
  await assert.rejects(s.db.execute(`INSERT INTO described SELECT image_name, '' FROM ${IMAGES} WHERE region = 'us-east-1'`), (e: CcsqlError) => e.code === 'SQL_ERROR' && /CHECK constraint failed/.test(e.message));
});

test('INSERT OR ROLLBACK and RAISE(ROLLBACK) roll back and report as SQLite does', async (t) => {
  const s = await session(imageEstate(2));
  t.after(() => s.close());
  await s.db.executeScript(`
    CREATE TABLE names (image_name TEXT UNIQUE);
    INSERT INTO names VALUES ('img-000');
    CREATE TABLE guarded (n INTEGER);
    CREATE TRIGGER no_negatives BEFORE INSERT ON guarded WHEN NEW.n < 0 BEGIN SELECT RAISE(ROLLBACK, 'negative'); END;
  `);
  await assert.rejects(
    s.db.execute(`INSERT OR ROLLBACK INTO names SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1'`),
    (e: CcsqlError) => e.code === 'SQL_ERROR' && /UNIQUE constraint failed: names.image_name/.test(e.message),
  );
  await assert.rejects(s.db.execute(`INSERT INTO guarded SELECT -1 FROM ${IMAGES} WHERE region = 'us-east-1'`), (e: CcsqlError) => e.code === 'SQL_ERROR' && e.message === 'negative');
  assert.deepEqual(await s.db.query('SELECT image_name FROM names'), [{ image_name: 'img-000' }]);
  assert.deepEqual(await s.db.query('SELECT count(*) AS n FROM guarded'), [{ n: 0 }]);
  assert.equal(s.db.sqlite.inTransaction, false);
  // Inside the user's own transaction, ROLLBACK ends it, as SQLite does.
  await s.db.execute('BEGIN');
  await s.db.execute("INSERT INTO names VALUES ('mine')");
  await assert.rejects(s.db.execute('INSERT INTO guarded VALUES (-5)'), (e: CcsqlError) => e.message === 'negative');
  assert.equal(s.db.sqlite.inTransaction, false);
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM names WHERE image_name = 'mine'"), [{ n: 0 }]);
});

test('WITH x AS (… FROM awscc …) DELETE FROM awscc.… deletes the resources of the DELETE, not the CTE', async (t) => {
  const s = await writeSession({
    resources: [
      ...imageEstate(2).resources,
      { TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: 'img-001' } },
      { TypeName: 'AWS::Logs::LogGroup', Region: 'us-east-1', Properties: { LogGroupName: 'other' } },
    ],
  });
  t.after(() => s.close());
  takeCalls(s);
  await s.db.execute(`WITH doomed AS (SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-001')
    DELETE FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name IN (SELECT image_name FROM doomed)`);
  const deletes = takeCalls(s).filter((c) => c.op === 'DeleteResource');
  assert.deepEqual(deletes.map((c) => [c.body.TypeName, c.body.Identifier]), [['AWS::Logs::LogGroup', 'img-001']]);
  const images = await s.db.query(`SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1' ORDER BY 1`);
  assert.deepEqual(images, [{ image_name: 'img-000' }, { image_name: 'img-001' }]);
  const groups = await s.db.query("SELECT log_group_name FROM awscc.logs.log_groups WHERE region = 'us-east-1'");
  assert.deepEqual(groups, [{ log_group_name: 'other' }]);
});

test('a DELETE holding a NUL byte is refused and sends nothing', async (t) => {
  const s = await writeSession(imageEstate(2));
  t.after(() => s.close());
  takeCalls(s);
  await assert.rejects(
    s.db.execute(`DELETE FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-000'\u0000 OR 1 = 1`),
    (e: CcsqlError) => e.code === 'SQL_ERROR' && e.details.offset !== undefined,
  );
  await assert.rejects(s.db.executeScript(`SELECT 1;\nDELETE FROM ${IMAGES} WHERE image_name = 'x\u0000'`), (e: CcsqlError) => e.code === 'SQL_ERROR');
  assert.deepEqual(opsOf(takeCalls(s)), []);
  assert.equal((await s.db.query(`SELECT count(*) AS n FROM ${IMAGES} WHERE region = 'us-east-1'`))[0]!.n, 2);
});

test('random(), randomblob() and now give a statement the same values in every round', async (t) => {
  const s = await session(imageEstate(3, 1));
  t.after(() => s.close());
  // Each round would name a different identifier, and never settle, unless random() and now repeat themselves.
  const arn = imageArn('img-');
  for (const pick of ['abs(random()) % 1000000', "hex(randomblob(8))", "strftime('%f', 'now')", 'julianday()']) {
    const result = await s.db.execute(`SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1' AND Identifier = '${arn}' || ${pick}`);
    assert.deepEqual([result.rows, result.rounds], [[], 2], pick);
  }
  await s.db.execute('CREATE TABLE picks (r INTEGER, b BLOB, at TEXT, image_name TEXT)');
  const insert = await s.db.execute(
    `INSERT INTO picks SELECT random(), randomblob(8), strftime('%Y-%m-%d %H:%M:%f', 'now'), v.image_name FROM ${IMAGES} i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name AND v.region = 'us-east-1' WHERE i.region = 'us-east-1'`,
  );
  assert.ok(insert.rounds >= 3);
  const picks = await s.db.query<{ r: bigint | number; at: string }>('SELECT r, hex(b) AS b, at FROM picks');
  assert.equal(picks.length, 3);
  assert.equal(new Set(picks.map((p) => p.at)).size, 1, 'now is one instant for the whole statement');
  assert.equal(new Set(picks.map((p) => String(p.r))).size, 3, 'random() still differs from call to call');
  const [a, b] = await Promise.all([s.db.query('SELECT random() AS r'), s.db.query('SELECT random() AS r')]);
  assert.notEqual(a[0]!.r, b[0]!.r, 'and from statement to statement');
  // The day is read before and after the statement: across UTC midnight either is right.
  const before = Date.now();
  const dates = await s.db.query<{ d: string; j: number; u: number; c: string }>("SELECT date('now') AS d, julianday('now') AS j, unixepoch() AS u, CURRENT_TIMESTAMP AS c");
  const after = Date.now();
  assert.ok([before, after].map((ms) => new Date(ms).toISOString().slice(0, 10)).includes(dates[0]!.d), dates[0]!.d);
  assert.ok(dates[0]!.u >= Math.floor(before / 1000) && dates[0]!.u <= Math.ceil(after / 1000), `unixepoch() ${dates[0]!.u}`);
  assert.match(dates[0]!.c, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual(await s.db.query("SELECT date('2026-01-31', '+1 day') AS d, datetime(0, 'unixepoch') AS e"), [{ d: '2026-02-01', e: '1970-01-01 00:00:00' }]);
  void ROLE;
});
