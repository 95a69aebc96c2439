/**
 * Prepares a rewritten statement, registering the resource tables it names first, and turns SQLite's
 * complaints about them into errors that name the table and the way out.
 */

import type { Database, Statement } from 'better-sqlite3';
import type { Catalog } from '../catalog/index.js';
import { CcsqlError } from '../errors.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import type { Binding, TableRegistry, TableTarget } from './bindings.js';
import { equalityOnly, unknownTable } from './messages.js';

export function prepareRewritten(
  db: Database,
  registry: TableRegistry,
  rewritten: RewrittenStatement<TableTarget>,
  resolve: (name: string) => Binding | undefined,
  catalog: Catalog,
): Statement {
  if (rewritten.unknown.length > 0) throw unknownTable(rewritten.unknown[0]!, nearestTable(rewritten.unknown[0]!, catalog));
  for (const [name, binding] of rewritten.tables) registry.ensure(name, binding);
  // A view or trigger may name resource tables the statement itself does not: register and retry.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return db.prepare(rewritten.sql);
    } catch (error) {
      const missing = /no such table: (?:main\.|temp\.)?(\S+)/.exec((error as Error).message)?.[1];
      const binding = missing && attempt < 20 ? resolve(missing) : undefined;
      if (binding) {
        registry.ensure(binding.readName, binding);
        continue;
      }
      throw explainSqliteError(error, rewritten);
    }
  }
}

export function explainSqliteError(error: unknown, rewritten?: RewrittenStatement<TableTarget>): unknown {
  if (!(error instanceof Error) || error instanceof CcsqlError || error.name !== 'SqliteError') return error;
  const parameter = /virtual table parameter "([^"]+)" can only be constrained by the '=' operator/.exec(error.message);
  if (parameter) return equalityOnly(parameter[1]!, rewritten?.tables.size === 1 ? [...rewritten.tables.keys()][0] : undefined);
  const column = /no such column: (\S+)/.exec(error.message);
  if (column && rewritten && rewritten.tables.size > 0) {
    const tables = [...rewritten.tables.keys()].join(', ');
    return new CcsqlError('UNKNOWN_COLUMN', `No column ${column[1]} in ${tables}: DESCRIBE ${[...rewritten.tables.keys()][0]} lists its columns.`, { column: column[1] }, { cause: error });
  }
  return new CcsqlError('SQL_ERROR', error.message, { sqliteCode: (error as { code?: string }).code }, { cause: error });
}

/** The closest known table name of the same service, for "did you mean". */
/** The table of the same service whose name is closest to `name`, if close enough to be a typo. */
export function nearestTable(name: string, catalog: Catalog): string | undefined {
  const [, service = '', resource = ''] = name.toLowerCase().split('.');
  let best: { name: string; distance: number } | undefined;
  for (const { sqlName } of catalog.resourcesOf(service)) {
    const distance = editDistance(resource, sqlName.split('.')[2]!);
    if (!best || distance < best.distance) best = { name: sqlName, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(resource.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
