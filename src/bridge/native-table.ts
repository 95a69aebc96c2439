/**
 * Registers an eponymous table-valued function through better-sqlite3's native module directly.
 *
 * better-sqlite3's public `db.table()` always echoes a parameter's argument into its hidden column
 * and hides every parameter from `SELECT *`. ccsql needs more: `region` and a type's list keys are
 * parameters (so SQLite pushes `=`/IN constraints and join values down to us) and yet ordinary,
 * visible columns whose values come from the resource itself — the real region of each row when the
 * query names none, the real image_name of a version fetched by Identifier. The native module only
 * asks for a `CREATE TABLE` text, the parameter names and a function returning an iterator of full
 * rows (parameters first), so we hand it exactly that.
 */

import { createRequire } from 'node:module';
import type { Database } from 'better-sqlite3';

const require = createRequire(import.meta.url);
const { cppdb } = require('better-sqlite3/lib/util.js') as { cppdb: symbol };

export interface NativeParameter {
  readonly name: string;
  /** Hidden parameters (Identifier) stay out of `SELECT *`; visible ones (region, list keys) do not. */
  readonly hidden: boolean;
}

export interface NativeTableSpec {
  readonly parameters: readonly NativeParameter[];
  readonly columns: readonly string[];
  /** Columns after `columns` that `SELECT *` leaves out (`resource_model`); rows carry them last. */
  readonly hiddenColumns?: readonly string[];
  /** Called once per scan with one argument per parameter (undefined when unconstrained). */
  readonly rows: (...args: unknown[]) => Iterator<unknown[]>;
}

type NativeDatabase = { table(factory: () => unknown[], name: string, eponymous: boolean): void };

export function registerNativeTable(db: Database, name: string, spec: NativeTableSpec): void {
  if (spec.parameters.length > 32) throw new RangeError(`Table "${name}" has more than 32 parameters`);
  const definitions = [
    ...spec.parameters.map((p) => `${quote(p.name)}${p.hidden ? ' HIDDEN' : ''}`),
    ...spec.columns.map(quote),
    ...(spec.hiddenColumns ?? []).map((c) => `${quote(c)} HIDDEN`),
  ];
  const createSql = `CREATE TABLE x(${definitions.join(', ')});`;
  const parameterNames = spec.parameters.map((p) => p.name);
  const native = (db as unknown as Record<symbol, NativeDatabase>)[cppdb];
  native.table(() => [createSql, spec.rows, parameterNames, false, false], name, true);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
