/**
 * Filters on a listing's identifiers, applied before any GetResource: for
 * `WHERE +log_group_name LIKE '/app/%'` a full listing reads only the log groups whose names match,
 * not every one. (`log_group_name LIKE …` is the same statement: the rewrite marks it with `+`.)
 *
 * Only what SQLite would certainly filter out is left unread: a top-level AND term of the WHERE on an
 * identifier or list-key column against constants (sql/where-terms.ts), of a table the plan scans in
 * one place only (a view or self-join reading the same table elsewhere wants every row). The term is
 * judged by SQLite itself, as written, on a private connection (the statement's own cannot be used
 * from inside a table function), over a one-row table whose column has the same TEXT affinity as the
 * table function's; a term that does not prepare there is left to SQLite as before.
 */

import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { sqliteOptions } from '../sqlite-binding.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import { columnTerms } from '../sql/where-terms.js';
import { quoteIdentifier } from '../sql/rewrite.js';
import type { TableTarget } from './bindings.js';
import type { Prefilter } from './context.js';

export type { Prefilter };
import { layoutOf } from './layout.js';

/** Prepared checks kept, one per distinct term: a shell session's worth. */
const MAX_CHECKS = 256;

export class Prefilters {
  #db: Database | undefined;
  readonly #checks = new Map<string, Statement | null>();

  /**
   * The filters of each table function the statement scans, by registered name. `opens` counts the
   * cursors the plan opens on each (column-use.ts): a table read in one place only is filtered. An
   * UPDATE or DELETE names its table's writable view; the rows it targets are read through the table.
   */
  of(rewritten: RewrittenStatement<TableTarget>, opens: ReadonlyMap<string, number> | undefined): ReadonlyMap<string, readonly Prefilter[]> {
    const found = new Map<string, Prefilter[]>();
    if (!opens) return found;
    for (const term of columnTerms(rewritten.parsed)) {
      const bound = rewritten.bound.get(term.table);
      const binding = bound === undefined ? undefined : rewritten.tables.get(bound);
      const target = binding?.target;
      const name = binding?.readName;
      if (!name || target?.kind !== 'resource' || target.variant !== 'full' || opens.get(name) !== 1) continue;
      const layout = layoutOf(target.type, target.variant);
      const column = term.column.toLowerCase();
      const identifying = column === 'identifier' || [...layout.keys, ...layout.idParts].some((c) => c.name.toLowerCase() === column);
      if (!identifying) continue;
      const alias = term.qualifier === undefined ? 't' : rewritten.parsed.tokens[term.qualifier]!.text;
      const text = rewritten.rendered.slice(term.first, term.last + 1).join('');
      const check = this.#check(`SELECT 1 FROM (SELECT CAST(? AS TEXT) AS ${quoteIdentifier(term.column)}) AS ${alias} WHERE ${text}`);
      if (!check) continue;
      const filters = found.get(name) ?? [];
      filters.push({ column, keeps: (value) => check.get(value) !== undefined });
      found.set(name, filters);
    }
    return found;
  }

  close(): void {
    this.#db?.close();
  }

  #check(sql: string): Statement | undefined {
    if (!this.#checks.has(sql)) {
      if (this.#checks.size >= MAX_CHECKS) this.#checks.clear();
      try {
        this.#db ??= new BetterSqlite3(':memory:', sqliteOptions({}));
        this.#checks.set(sql, this.#db.prepare(sql).pluck());
      } catch {
        this.#checks.set(sql, null);
      }
    }
    return this.#checks.get(sql) ?? undefined;
  }
}
