/**
 * Seeded fuzzing (test/support/random.ts): random SQL mutated from real statements, random template
 * values, random interleavings of statements on one database. A failure prints its seed; run again
 * with CCSQL_FUZZ_SEED=<seed> to reproduce it. Invariants:
 *   - every rejection is a CcsqlError whose code is not INTERNAL;
 *   - a dry run sends no write, and no statement leaves a transaction open;
 *   - a template value never changes how many statements a script has, or their kinds;
 *   - statements run at once on one database keep every committed row, exactly once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '../src/cli/template/render.js';
import { CcsqlError, parseScript } from '../src/index.js';
import { seededRandom } from './support/random.js';
import { imageEstate } from './support/session.js';
import { writeSession } from './support/writes.js';

const SEEDS = process.env.CCSQL_FUZZ_SEED ? [Number(process.env.CCSQL_FUZZ_SEED)] : [1, 2, 3];
const IMAGES = 'awscc.sagemaker.images';

const BASE = [
  `SELECT image_name, tags FROM ${IMAGES} WHERE region = 'us-east-1'`,
  `SELECT v.version FROM ${IMAGES} i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name AND v.region = 'us-east-1' WHERE i.region = 'us-east-1'`,
  `DELETE FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-001' RETURNING Identifier, OperationStatus`,
  `UPDATE ${IMAGES} SET image_description = 'x' WHERE region = 'us-east-1' AND image_name = 'img-000'`,
  `INSERT INTO ${IMAGES} (image_name, image_role_arn, region) VALUES ('n', 'arn:aws:iam::123456789012:role/r', 'us-east-1') RETURNING *`,
  `WITH d AS (SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1') DELETE FROM awscc.logs.log_groups WHERE region = 'us-east-1' AND log_group_name IN (SELECT image_name FROM d)`,
  `INSERT INTO local SELECT random(), image_name FROM ${IMAGES} WHERE region = 'us-east-1' AND Identifier = 'arn:' || abs(random() % 7)`,
  `INSERT OR ROLLBACK INTO local SELECT 1, image_name FROM ${IMAGES} WHERE region = 'us-east-1'`,
  `SELECT json_extract(tags, '$[0].Value') AS team, count(*) FROM ${IMAGES} WHERE region IN ('us-east-1', 'us-west-2') GROUP BY 1`,
  `SHOW RESOURCES IN awscc.sagemaker`,
  `DESCRIBE ${IMAGES}`,
  `SELECT * FROM awscc.cloud_control.resources WHERE TypeName = 'AWS::SageMaker::Image' AND region = 'us-east-1'`,
];

const NOISE = [
  ',', '(', ')', "'", '"', ';', 'RETURNING', 'AS', 'OR', 'ROLLBACK', 'NULL', '\u0000', `"${IMAGES}:write"`, 'ccsql_staged', 'random()',
  "'now'", 'awscc.sagemaker.imagez', "'us-east-11'", '/*+ nowait */', '--', '*', 'Identifier', 'region', "'us-east-1'", '1e999', "x'00'",
  'WITH', 'DELETE', 'FROM', 'WHERE', '=', 'IN', '+region', 'LIKE', '\u001b[2J', 'BEGIN', 'COMMIT', 'VACUUM', 'RAISE(ROLLBACK, \'r\')', '?',
];

function mutate(sql: string, random: () => number): string {
  const parts = sql.match(/'[^']*'|"[^"]*"|\w+(?:\.\w+)*|\S/g) ?? [];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e += 1) {
    const at = Math.floor(random() * (parts.length + 1));
    const pick = NOISE[Math.floor(random() * NOISE.length)]!;
    const kind = random();
    if (kind < 0.4) parts.splice(at, 0, pick);
    else if (kind < 0.7) parts.splice(at, 1, pick);
    else parts.splice(at, 1);
  }
  return parts.join(' ');
}

for (const seed of SEEDS) {
  test(`random SQL on one database: only CcsqlErrors, no write sent on a dry run, no transaction left open (seed ${seed})`, async (t) => {
    const random = seededRandom(seed);
    const s = await writeSession(imageEstate(2, 1));
    t.after(() => s.close());
    await s.db.execute('CREATE TABLE local (r, image_name)');
    s.emulator.clearCalls();
    for (let i = 0; i < 150; i += 1) {
      const base = BASE[Math.floor(random() * BASE.length)]!;
      const sql = random() < 0.2 ? base : mutate(base, random);
      try {
        await s.db.execute(sql, [], { dryRun: true });
      } catch (error) {
        assert.ok(error instanceof CcsqlError, `seed ${seed}, statement ${i}: ${JSON.stringify(sql)} threw ${String(error)}`);
        assert.notEqual(error.code, 'INTERNAL', `seed ${seed}, statement ${i}: ${JSON.stringify(sql)}: ${String((error.cause as Error)?.stack ?? error.cause)}`);
      }
      if (s.db.sqlite.inTransaction && !/\bBEGIN\b/.test(sql)) assert.fail(`seed ${seed}, statement ${i}: ${JSON.stringify(sql)} left a transaction open`);
      if (s.db.sqlite.inTransaction) await s.db.execute('ROLLBACK');
    }
    const writes = s.emulator.calls.filter((c) => /^(Create|Update|Delete)Resource$/.test(c.op));
    assert.deepEqual(writes.map((c) => c.op), [], `seed ${seed}`);
  });

  test(`random template values never change a script's statements (seed ${seed})`, () => {
    const random = seededRandom(seed);
    const templates = [
      "SELECT * FROM t WHERE a = '{{ v }}' AND b = {{ w }}",
      'SELECT "{{ v }}" FROM t WHERE x IN {{ l | sql_list }}; DELETE FROM t WHERE a = {{ w }}',
      "UPDATE t SET p = string('{{ { \"A\": v, \"B\": w } | generate_patch_document }}') WHERE r = '{{ w | sql_escape }}'",
      'INSERT INTO t VALUES ({{ v }}, {{ w | upper }}, {{ l | tojson }})',
    ];
    const alphabet = ["'", '"', ';', '--', '/*', '*/', '\n', '\\', '{{', '}}', ' ', 'a', '1', '-', '.', 'DELETE FROM x', '\u0000'];
    const value = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 400; i += 1) {
      const template = templates[Math.floor(random() * templates.length)]!;
      const shape = (sql: string) => parseScript(sql).map((p) => p.kind);
      const expected = shape(render(template, { v: 'x', w: 'y', l: ['z'] }));
      const vars = { v: value(), w: random() < 0.3 ? Math.floor(random() * 100) : value(), l: [value(), value()] };
      let out: string;
      try {
        out = render(template, vars);
      } catch (error) {
        assert.ok(error instanceof CcsqlError && error.code === 'INVALID_ARGUMENT', `seed ${seed}: ${JSON.stringify(vars)}: ${String(error)}`);
        continue;
      }
      try {
        assert.deepEqual(shape(out), expected, `seed ${seed}: ${JSON.stringify(vars)} turned ${template} into ${out}`);
      } catch (error) {
        // A NUL byte in a value is refused by the parser, which is the safe outcome.
        if (!(error instanceof CcsqlError && error.code === 'SQL_ERROR' && out.includes('\u0000'))) throw error;
      }
    }
  });

  test(`random interleavings of statements on one database keep every row exactly once (seed ${seed})`, async (t) => {
    const random = seededRandom(seed);
    const s = await writeSession(imageEstate(3, 1));
    t.after(() => s.close());
    await s.db.execute('CREATE TABLE seen (n INTEGER, image_name TEXT)');
    let expected = 0;
    const running: Promise<unknown>[] = [];
    for (let n = 0; n < 40; n += 1) {
      const pick = random();
      if (pick < 0.3) {
        running.push(s.db.execute(`INSERT INTO seen VALUES (${n}, NULL)`));
        expected += 1;
      } else if (pick < 0.6) {
        running.push(s.db.execute(`INSERT INTO seen SELECT ${n}, image_name FROM ${IMAGES} WHERE region = 'us-east-1'`));
        expected += 3;
      } else if (pick < 0.8) {
        // Waited for: a second write to a resource with one in progress is refused by Cloud Control.
        running.push(s.db.execute(`UPDATE ${IMAGES} SET image_description = 'n${n}' WHERE region = 'us-east-1' AND image_name = 'img-00${n % 3}'`));
      } else {
        running.push(s.db.executeScript(`INSERT INTO seen VALUES (${n}, 'a'); SELECT count(*) FROM awscc.sagemaker.image_versions WHERE image_name = 'img-001' AND region = 'us-east-1'; INSERT INTO seen VALUES (${n}, 'b')`));
        expected += 2;
      }
    }
    await Promise.all(running);
    const [row] = await s.db.query<{ rows: number; distinct_rows: number }>('SELECT count(*) AS rows, count(DISTINCT n || coalesce(image_name, \'\')) AS distinct_rows FROM seen');
    assert.deepEqual(row, { rows: expected, distinct_rows: expected }, `seed ${seed}`);
  });
}
