/**
 * The warnings of a session, kept where SQL can read them: `SELECT * FROM ccsql_warnings` after a
 * statement in a script shows which accounts were skipped, which parents were not found. A TEMP table
 * (it never reaches the database file); rows are added after each statement ends, since SQLite's
 * connection cannot be written from inside the table functions that notice them.
 */

import type { Database } from 'better-sqlite3';
import type { CcsqlWarning } from '../shapes.js';

export const WARNINGS_TABLE = 'ccsql_warnings';

export class WarningLog {
  readonly #db: Database;
  #pending: CcsqlWarning[] = [];
  #statement = 0;
  #created = false;

  constructor(db: Database) {
    this.#db = db;
    this.#create();
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
