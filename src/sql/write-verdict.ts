/**
 * Whether a statement could change anything, as SQLite judges it once prepared: `readonly`
 * (sqlite3_stmt_readonly) sees a write wherever it hides — behind a CTE (`WITH … DELETE`), in a
 * view's INSTEAD OF trigger, in a trigger a local write fires. SQLite also calls some statements
 * read-only that change what later statements do, because they leave the database file as it was
 * (https://www.sqlite.org/c3ref/stmt_readonly.html): ATTACH and DETACH, transaction control, and
 * PRAGMAs that set a connection's flags (`PRAGMA query_only = 0`, `writable_schema`). Those are
 * told by the statement's kind and first word, which the parse already knows.
 */

import type { ParsedStatement } from './statement.js';

/** PRAGMAs that take an argument and only read: `PRAGMA table_info(t)` is a question, `PRAGMA x(1)` may set. */
const READING_PRAGMAS = new Set([
  'table_info', 'table_xinfo', 'table_list', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'foreign_key_check', 'integrity_check', 'quick_check',
]);

/** Why the statement could change something (a phrase for a message), or undefined when it only reads. */
export function writeVerdict(parsed: ParsedStatement, sqliteReadonly: boolean): string | undefined {
  if (parsed.kind === 'meta') return undefined;
  if (parsed.kind === 'insert' || parsed.kind === 'update' || parsed.kind === 'delete') return `it is ${parsed.kind === 'insert' ? 'an' : 'a'} ${parsed.kind.toUpperCase()}`;
  if (parsed.kind === 'transaction') return 'it controls a transaction';
  const words = parsed.meaningful.map((i) => parsed.tokens[i]!.text);
  const first = words[0]!.toUpperCase();
  if (first === 'ATTACH' || first === 'DETACH') return `it is an ${first}`;
  if (first === 'PRAGMA' && !readingPragma(words)) return 'it is a PRAGMA that may set a value';
  if (!sqliteReadonly) return 'SQLite says it writes to the database';
  return undefined;
}

/** `PRAGMA [schema.]name` or `PRAGMA [schema.]name(arg)` for a pragma that only reads with an argument. */
function readingPragma(words: readonly string[]): boolean {
  if (words.includes('=')) return false;
  const open = words.indexOf('(');
  if (open < 0) return true;
  return READING_PRAGMAS.has(words[open - 1]!.toLowerCase().replace(/^["`[]|["`\]]$/g, ''));
}
