/**
 * One pass of a prepared statement, and the savepoint a pass that may change anything runs in. The
 * rounds of run.ts repeat such passes until the resource tables have what they need; a statement
 * that reaches no resource table runs one pass here, without loading any of that machinery.
 */

import type { Database, Statement } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';
import type { StatementResult } from '../shapes.js';

export const SAVEPOINT = 'ccsql_round';

/** Runs a statement that reaches no resource table: one round, as run.ts would run it. */
export function runOnce(db: Database, statement: Statement, params: unknown[], transactional: boolean): StatementResult {
  const outer = !db.inTransaction;
  if (transactional) db.exec(`SAVEPOINT ${SAVEPOINT}`);
  let value: Omit<StatementResult, 'rounds'>;
  try {
    value = execute(statement, params);
  } catch (error) {
    if (transactional) rollback(db, outer);
    throw error;
  }
  if (transactional) db.exec(`RELEASE ${SAVEPOINT}`);
  return { ...value, rounds: 1 };
}

export function execute(statement: Statement, params: unknown[]): Omit<StatementResult, 'rounds'> {
  try {
    if (statement.reader) {
      const described = statement.columns();
      const columns = described.map((c) => c.name);
      // Arrays keep every column of a join; the objects are built from them, the later name winning as in better-sqlite3.
      const rawRows = statement.raw(true).all(...params) as unknown[][];
      statement.raw(false);
      const rows = rawRows.map((raw) => {
        const row: Record<string, unknown> = {};
        columns.forEach((c, i) => (row[c] = raw[i]));
        return row;
      });
      return { columns, rows, rawRows, types: described.map((c) => c.type), changes: 0 };
    }
    return { columns: [], rows: [], changes: statement.run(...params).changes };
  } catch (error) {
    if (statement.reader) statement.raw(false);
    throw explainBindError(error);
  }
}

/** better-sqlite3 refuses parameters it cannot bind with a RangeError or TypeError: the caller's mistake. */
function explainBindError(error: unknown): unknown {
  if (!(error instanceof RangeError || error instanceof TypeError) || !/parameter|bind/i.test(error.message)) return error;
  return new CcsqlError('INVALID_ARGUMENT', `The statement's parameters do not fit it: ${error.message}. Pass one value per ? (or a named object), as numbers, strings, bigints, buffers or null.`, {}, { cause: error });
}

/**
 * Undoes the round. `INSERT OR ROLLBACK` and `RAISE(ROLLBACK)` have already rolled back the whole
 * transaction, savepoint included; that still undid the round when the savepoint was the outermost
 * transaction (`outer`), but not when it sat inside the user's own BEGIN, which SQLite has now ended.
 */
export function rollback(db: Database, outer: boolean): boolean {
  if (!db.inTransaction) return outer;
  db.exec(`ROLLBACK TO ${SAVEPOINT}`);
  db.exec(`RELEASE ${SAVEPOINT}`);
  return true;
}
