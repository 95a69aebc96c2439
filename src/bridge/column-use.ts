/**
 * What a prepared statement will read from each resource table, as SQLite itself plans it: the
 * columns its VColumn opcodes fetch, per table function, and whether a LIMIT can end its scans early.
 * ccsql uses it to make only the calls a statement needs — no GetResource for a statement that reads
 * only what a listing already carries (`count(*)`, identifiers, `region`), and only about `n`
 * resources for a `LIMIT n` that nothing sorts or aggregates first.
 *
 * EXPLAIN names a table function's cursor by the address of its virtual table (`vtab:55d3…`), which
 * is stable for an eponymous table on one connection: the address of each registered table is learned
 * once, from `EXPLAIN SELECT 1 FROM "<table>"`.
 */

import type { Database } from 'better-sqlite3';
import { quoteIdentifier } from '../sql/rewrite.js';
import { LIMITS, READS_ALL, rowsPerScan, type PlanOp } from './plan-shape.js';

export interface ColumnUse {
  /** Column indices read per registered table name; a table absent here is not read at all. */
  readonly columns: ReadonlyMap<string, ReadonlySet<number>>;
  /** How many cursors the plan opens on each table: a table scanned in two places (a view, a self-join) opens two. */
  readonly opens: ReadonlyMap<string, number>;
  /** True when the plan has a LIMIT and nothing (sorting, grouping, aggregating) reads every row first. */
  readonly limited: boolean;
  /**
   * The one registered table the plan opens, when every row the statement returns comes from one row
   * of its scan (plan-shape.ts): the statement may then stream that scan's listing a window at a time.
   */
  readonly perRow: string | undefined;
}

type Op = PlanOp;

export class ColumnUseReader {
  readonly #db: Database;
  readonly #addresses = new Map<string, string>();

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * The columns `sql` reads from the given registered tables, or undefined when SQLite's plan hides
   * them (a trigger program runs): then every column counts as read.
   */
  read(sql: string, tables: Iterable<string>): ColumnUse | undefined {
    const ops = this.#explain(sql);
    if (!ops || ops.some((op) => op.opcode === 'Program')) return undefined;
    const byAddress = new Map<string, string>();
    for (const name of tables) {
      const address = this.#addressOf(name);
      if (address) byAddress.set(address, name);
    }
    const cursors = new Map<number, string>();
    const columns = new Map<string, Set<number>>();
    const opens = new Map<string, number>();
    for (const op of ops) {
      if (op.opcode === 'VOpen') {
        const name = byAddress.get(String(op.p4));
        if (name) {
          cursors.set(op.p1, name);
          opens.set(name, (opens.get(name) ?? 0) + 1);
          if (!columns.has(name)) columns.set(name, new Set());
        }
      } else if (op.opcode === 'VColumn') {
        const name = cursors.get(op.p1);
        if (name) columns.get(name)!.add(op.p2);
      }
    }
    const limited = ops.some((op) => LIMITS.has(op.opcode)) && !ops.some((op) => READS_ALL.has(op.opcode));
    const only = cursors.size === 1 ? [...cursors][0]! : undefined;
    const perRow = only && rowsPerScan(ops, only[0]) ? only[1] : undefined;
    return { columns, opens, limited, perRow };
  }

  /**
   * How many cursors the statement's own program opens on each registered table, a write's too: a
   * write through a view runs its capture trigger as a sub-program that reads no resource table, while
   * the rows it targets (the view's scan, and any subquery) are read in the statement's own program.
   */
  opens(sql: string, tables: Iterable<string>): ReadonlyMap<string, number> | undefined {
    const ops = this.#explain(sql);
    if (!ops) return undefined;
    const byAddress = new Map<string, string>();
    for (const name of tables) {
      const address = this.#addressOf(name);
      if (address) byAddress.set(address, name);
    }
    const opens = new Map<string, number>();
    for (const op of ops) {
      const name = op.opcode === 'VOpen' ? byAddress.get(String(op.p4)) : undefined;
      if (name) opens.set(name, (opens.get(name) ?? 0) + 1);
    }
    return opens;
  }

  #addressOf(name: string): string | undefined {
    let address = this.#addresses.get(name);
    if (address === undefined) {
      address = String(this.#explain(`SELECT 1 FROM ${quoteIdentifier(name)}`)?.find((op) => op.opcode === 'VOpen')?.p4 ?? '');
      this.#addresses.set(name, address);
    }
    return address || undefined;
  }

  #explain(sql: string): Op[] | undefined {
    try {
      return this.#db.prepare(`EXPLAIN ${sql}`).all() as Op[];
    } catch {
      return undefined;
    }
  }
}
