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

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';
import { packageRoot } from '../package-root.js';

const require = createRequire(import.meta.url);

/**
 * The key under which a better-sqlite3 Database keeps its native handle: private to better-sqlite3,
 * which is why package.json pins its exact version and test/sqlite-private-api.test.ts checks this
 * shape. Looked up without throwing, so another version fails with INCOMPATIBLE_DEPENDENCY instead.
 */
const cppdb: unknown = (() => {
  try {
    return (require('better-sqlite3/lib/util.js') as { cppdb?: unknown }).cppdb;
  } catch {
    return undefined;
  }
})();

export interface NativeParameter {
  readonly name: string;
  /** Hidden parameters (Identifier) stay out of `SELECT *`; visible ones (region, list keys) do not. */
  readonly hidden: boolean;
  /**
   * Declared TEXT: identifiers and list keys are text even when they look like numbers (an IoT thing
   * named `12345`). Without a declared type, `HIDDEN` would be read as the type name and give the
   * column NUMERIC affinity, turning `'12345'` into 12345 wherever SQLite copies the value (the NEW
   * row of a write view's UPDATE trigger).
   */
  readonly text?: boolean;
}

export interface NativeTableSpec {
  readonly parameters: readonly NativeParameter[];
  readonly columns: readonly string[];
  /** Declared SQL types of `columns` (JSON, BOOLEAN, …): what `stmt.columns()` reports for them. */
  readonly types?: readonly string[];
  /** Trailing columns left out of `SELECT *` but selectable by name (second spellings). */
  readonly hiddenColumns?: readonly string[];
  /** Called once per scan with one argument per parameter (undefined when unconstrained). */
  readonly rows: (...args: unknown[]) => Iterator<unknown[]>;
}

type NativeDatabase = { table(factory: () => unknown[], name: string, eponymous: boolean): void };

export function registerNativeTable(db: Database, name: string, spec: NativeTableSpec): void {
  if (spec.parameters.length > 32) throw new RangeError(`Table "${name}" has more than 32 parameters`);
  const definitions = [
    ...spec.parameters.map((p) => `${quote(p.name)}${p.text ? ' TEXT' : ''}${p.hidden ? ' HIDDEN' : ''}`),
    ...spec.columns.map((c, i) => (spec.types?.[i] ? `${quote(c)} ${spec.types[i]}` : quote(c))),
    ...(spec.hiddenColumns ?? []).map((c) => `${quote(c)} HIDDEN`),
  ];
  const createSql = `CREATE TABLE x(${definitions.join(', ')});`;
  const parameterNames = spec.parameters.map((p) => p.name);
  nativeOf(db).table(() => [createSql, spec.rows, parameterNames, false, false], name, true);
}

/** The installed better-sqlite3 version and the one ccsql's package.json pins. */
export function betterSqlite3Versions(): { readonly installed: string; readonly pinned: string } {
  const installed = (require('better-sqlite3/package.json') as { version: string }).version;
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return { installed, pinned: manifest.dependencies['better-sqlite3'] ?? 'unknown' };
}

function nativeOf(db: Database): NativeDatabase {
  const native = typeof cppdb === 'symbol' ? (db as unknown as Record<symbol, Partial<NativeDatabase> | undefined>)[cppdb] : undefined;
  if (typeof native?.table === 'function') return native as NativeDatabase;
  const { installed, pinned } = betterSqlite3Versions();
  throw new CcsqlError(
    'INCOMPATIBLE_DEPENDENCY',
    `better-sqlite3 ${installed} has no native table method for ccsql to register its tables with; ccsql is built for better-sqlite3 ${pinned}: run npm install better-sqlite3@${pinned}.`,
    { installed, pinned },
  );
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
