/**
 * The warnings of a session, kept where SQL can read them: `SELECT * FROM ccsql_warnings` after a
 * statement in a script shows which accounts were skipped, which parents were not found. A TEMP table
 * (it never reaches the database file); rows are added after each statement ends, since SQLite's
 * connection cannot be written from inside the table functions that notice them. The table is made
 * when the first warning is kept or a statement names it, not at open: start-up stays SQLite's own.
 */

import type { Database } from 'better-sqlite3';
import type { CcsqlWarning } from '../shapes.js';
import type { ParsedStatement } from '../sql/statement.js';
import { unquote } from '../sql/tokenize.js';

export const WARNINGS_TABLE = 'ccsql_warnings';

export class WarningLog {
  readonly #db: Database;
  #pending: CcsqlWarning[] = [];
  #statement = 0;
  #created = false;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Makes the table before a statement that names it is prepared. */
  readyFor(parsed: ParsedStatement): void {
    if (!this.#created && parsed.tokens.some((t) => (t.kind === 'word' || t.kind === 'quoted') && unquote(t).toLowerCase() === WARNINGS_TABLE)) this.#create();
  }

  /** Starts a statement: what it warns of is numbered with it. */
  begin(): void {
    this.#statement += 1;
    this.#pending = [];
  }

  add(warning: CcsqlWarning): void {
    this.#pending.push(warning);
  }

  /** The statement's warnings, now written to the table. */
  end(): CcsqlWarning[] {
    const warnings = this.#pending;
    this.#pending = [];
    if (warnings.length > 0 && this.#create()) {
      const insert = this.#db.prepare(`INSERT INTO temp.${WARNINGS_TABLE} (statement, code, message, account_id, regions, table_name, type_name) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const w of warnings) insert.run(this.#statement, w.code, w.message, w.account ?? null, w.regions?.join(',') ?? null, w.table ?? null, w.typeName ?? null);
    }
    return warnings;
  }

  #create(): boolean {
    if (this.#created) return true;
    try {
      this.#db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${WARNINGS_TABLE} (
        id INTEGER PRIMARY KEY, statement INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
        account_id TEXT, regions TEXT, table_name TEXT, type_name TEXT, at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
      this.#created = true;
    } catch {
      // A connection in the middle of a failed transaction cannot create it now; the next statement will.
    }
    return this.#created;
  }
}
