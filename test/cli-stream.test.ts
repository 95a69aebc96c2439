/**
 * Streamed output: in json, ndjson and csv a SELECT's rows reach the output while the statement is
 * still producing them (db.iterate), and read exactly as a buffered result does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open } from '../src/database.js';
import { format } from '../src/cli/format.js';
import { Printer } from '../src/cli/printer.js';
import { runScript } from '../src/cli/statements.js';
import { noProgress } from '../src/cli/trace.js';
import type { OutputMode } from '../src/cli/modes.js';

const ROWS = 200_000;

async function run(mode: OutputMode, sql: string, stdout: (text: string) => void, setup?: (db: Awaited<ReturnType<typeof open>>) => void) {
  const db = await open({ regions: ['us-east-1'] });
  try {
    setup?.(db);
    const printer = new Printer(mode, true, stdout);
    await runScript({ db, printer, progress: noProgress, execute: {}, timer: false }, sql);
    printer.close();
  } finally {
    await db.close();
  }
}

describe('streamed output', () => {
  for (const mode of ['json', 'ndjson', 'csv'] as const) {
    test(`-o ${mode}: the first rows are printed before the statement yields its last`, async () => {
      let writes = 0;
      let bytes = 0;
      let seenAtLast: number | undefined;
      let lastRows = 0;
      // probe(n) runs as SQLite produces row n: once in the statement's settling pass, once in the printed one.
      const setup = (db: Awaited<ReturnType<typeof open>>) =>
        db.sqlite.function('probe', (n: unknown) => {
          if (n === ROWS && (lastRows += 1) === 2) seenAtLast = writes;
          return n;
        });
      const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT probe(i) AS i, 'row ' || i AS label FROM n`;
      await run(mode, sql, (text) => void ((writes += 1), (bytes += text.length)), setup);
      assert.equal(lastRows, 2);
      assert.ok(seenAtLast !== undefined && seenAtLast >= ROWS - 1, `the sink had ${seenAtLast} writes when the last row was produced`);
      assert.ok(bytes > ROWS * 8);
    });
  }

  test('streamed text is byte for byte the buffered text: headers, NULL, JSON and boolean columns, repeated names, no rows', async () => {
    const sql = [
      "CREATE TABLE t (id INTEGER, tags JSON, on_ BOOLEAN, note TEXT)",
      "INSERT INTO t VALUES (1, '{\"a\":[1,{}]}', 1, 'x,\"y\"\nz'), (2, NULL, 0, NULL)",
    ];
    const selects = ['SELECT * FROM t', 'SELECT a.id, b.id, a.tags FROM t a JOIN t b ON a.id = b.id', 'SELECT * FROM t WHERE 0'];
    for (const mode of ['json', 'ndjson', 'csv'] as const) {
      for (const select of selects) {
        let streamed = '';
        await run(mode, `${sql.join(';')}; ${select}`, (text) => void (streamed += text));
        const db = await open();
        await db.executeScript(sql.join(';'));
        const buffered = format(mode, await db.execute(select), { headers: true });
        await db.close();
        assert.equal(streamed, buffered, `${mode}: ${select}`);
      }
    }
  });

  // The statement settles (runs once without printing) before its rows are streamed, so an error a
  // row raises stops it before anything of it is printed; an earlier statement's rows stay printed.
  test('an error in a streamed statement fails it with nothing of it printed', async () => {
    let out = '';
    await assert.rejects(run('ndjson', "SELECT 1 AS a; SELECT json_extract(v, '$.a') AS a FROM (SELECT '{\"a\":1}' AS v UNION ALL SELECT 'bad')", (t) => void (out += t)), { code: 'SQL_ERROR' });
    assert.equal(out, '{"a":1}\n');
  });
});
