/**
 * Output modes on large results, through the formatter itself: no mode may spread every row into
 * one call (Math.max(...lengths) overflows the stack at about 125,000 rows), and `table` must size
 * its columns from every row, so the widest value is put on the last one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, type ResultSet } from '../src/cli/format.js';
import { MODE_CHOICES, toMode } from '../src/cli/modes.js';

const WIDEST = 'the widest name, on the last row';

function rows(count: number): ResultSet {
  const list = Array.from({ length: count }, (_, i) => ({ id: i, name: `n${i}` }));
  list[count - 1]!.name = WIDEST;
  return { columns: ['id', 'name'], rows: list };
}

function lineCount(text: string, eol = '\n'): number {
  let count = 0;
  for (let at = text.indexOf(eol); at !== -1; at = text.indexOf(eol, at + eol.length)) count++;
  return count;
}

describe('table output', () => {
  it('sizes its columns from every one of a million rows and keeps every line as wide', () => {
    const million = 1_000_000;
    const out = format('table', rows(million), { headers: true });
    const rule = `+--------+${'-'.repeat(WIDEST.length + 2)}+`;
    const head = [rule, `| id     | ${'name'.padEnd(WIDEST.length)} |`, rule, `|      0 | ${'n0'.padEnd(WIDEST.length)} |`];
    assert.ok(out.startsWith(`${head.join('\n')}\n`));
    assert.ok(out.endsWith(`| 999999 | ${WIDEST} |\n${rule}\n`));
    assert.equal(lineCount(out), million + 4);
    // Every line as wide as the rule: each newline comes exactly one line after the one before.
    let ragged = 0;
    for (let at = out.indexOf('\n'), previous = -1; at !== -1; previous = at, at = out.indexOf('\n', at + 1)) {
      if (at - previous !== rule.length + 1) ragged++;
    }
    assert.equal(ragged, 0);
  });

  it('sizes from the rows alone without headers, numbers to the right, controls escaped', () => {
    const set = { columns: ['a_long_column', 'b'], rows: [{ a_long_column: 7, b: 'x\ty' }, { a_long_column: 'ab', b: null }] };
    assert.equal(format('table', set, { headers: false }), '+----+------+\n|  7 | x\\ty |\n| ab |      |\n+----+------+\n');
  });
});

describe('every output mode on 250,000 rows', () => {
  const count = 250_000;
  const last = count - 1;
  const set = rows(count);
  const expected: Record<string, (out: string) => void> = {
    table: (out) => {
      assert.equal(lineCount(out), count + 4);
      assert.ok(out.endsWith(`| ${last} | ${WIDEST} |\n+--------+${'-'.repeat(WIDEST.length + 2)}+\n`));
    },
    json: (out) => {
      const parsed = JSON.parse(out) as unknown[];
      assert.deepEqual([parsed.length, parsed[0], parsed[last]], [count, { id: 0, name: 'n0' }, { id: last, name: WIDEST }]);
    },
    ndjson: (out) => {
      assert.equal(lineCount(out), count);
      assert.ok(out.endsWith(`${JSON.stringify({ id: last, name: WIDEST })}\n`));
    },
    csv: (out) => {
      assert.equal(lineCount(out, '\r\n'), count + 1);
      assert.ok(out.endsWith(`${last},"${WIDEST}"\r\n`));
    },
    markdown: (out) => {
      assert.equal(lineCount(out), count + 2);
      assert.ok(out.endsWith(`| ${last} | ${WIDEST} |\n`));
    },
    line: (out) => {
      assert.equal(lineCount(out), 3 * count - 1);
      assert.ok(out.endsWith(`  id = ${last}\nname = ${WIDEST}\n`));
    },
  };
  expected.text = expected.table!;

  it('is every mode the command accepts', () => assert.deepEqual(Object.keys(expected).sort(), [...MODE_CHOICES].sort()));

  for (const [mode, check] of Object.entries(expected)) {
    it(`${mode} prints every row`, () => check(format(toMode(mode)!, set, { headers: true })));
  }
});
