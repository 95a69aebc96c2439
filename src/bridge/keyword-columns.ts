/**
 * Which column names SQLite does not read as a column when they are written bare: `values`,
 * `primary`, `update`, `group` (SQLite keywords with no fallback to a name), or `null` and
 * `current_time` (keywords that are values). StackQL's statements write such columns bare
 * (`SELECT region, values FROM awscc.connect.predefined_attributes`), and the rewrite quotes them
 * where only a column can stand (sql/keyword-columns.ts).
 *
 * SQLite answers, not a list of ours: better-sqlite3 does not expose `sqlite3_keyword_check`, so each
 * name is selected bare from a one-row subquery that has it as a quoted column, on a private
 * connection, and a name that does not prepare or does not give back its own column's value is one
 * to quote. The answer depends only on SQLite's grammar, so it is kept per name for the process.
 */

import BetterSqlite3, { type Database } from 'better-sqlite3';
import { quoteIdentifier } from '../sql/rewrite.js';
import { sqliteOptions } from '../sqlite-binding.js';

/** Lower-cased name → whether SQLite reads it bare as the column. */
const readsBare = new Map<string, boolean>();

/** Only a word token can be written bare; anything else is always quoted or never a column. */
const WORD = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** The names, lower-cased, that SQLite would not read as the column when written bare. */
export function keywordColumns(names: Iterable<string>): string[] {
  const words = [...new Set([...names].filter((n) => WORD.test(n)).map((n) => n.toLowerCase()))];
  const unknown = words.filter((w) => !readsBare.has(w));
  if (unknown.length > 0) probe(unknown);
  return words.filter((w) => readsBare.get(w) === false);
}

/** One statement for the whole table (the common case: no keyword), one per name when it fails. */
function probe(words: readonly string[]): void {
  const db = new BetterSqlite3(':memory:', sqliteOptions({}));
  try {
    if (selectsOwnColumns(db, words)) for (const w of words) readsBare.set(w, true);
    else for (const w of words) readsBare.set(w, selectsOwnColumns(db, [w]));
  } finally {
    db.close();
  }
}

function selectsOwnColumns(db: Database, words: readonly string[]): boolean {
  // Text no keyword evaluates to (`true` is 1, `current_date` a date): only the column gives it back.
  const marker = (i: number) => `ccsql column ${i}`;
  const sql = `SELECT ${words.join(', ')} FROM (SELECT ${words.map((w, i) => `'${marker(i)}' AS ${quoteIdentifier(w)}`).join(', ')})`;
  try {
    const row = db.prepare(sql).raw().get() as unknown[] | undefined;
    return row !== undefined && row.every((value, i) => value === marker(i));
  } catch {
    return false;
  }
}
