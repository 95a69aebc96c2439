/**
 * Prepares a rewritten statement, registering the resource tables it names first, and turns SQLite's
 * complaints about them into errors that name the table and the way out.
 */

import type { Database, Statement } from 'better-sqlite3';
import { CcsqlError } from '../errors.js';
import type { RewrittenStatement } from '../sql/rewrite.js';
import type { Binding, TableRegistry, TableTarget } from './bindings.js';
import { equalityOnly, unknownTable } from './messages.js';

export function prepareRewritten(
  db: Database,
  registry: TableRegistry,
  rewritten: RewrittenStatement<TableTarget>,
  resolve: (name: string) => Binding | undefined,
): Statement {
  if (rewritten.unknown.length > 0) throw unknownTable(rewritten.unknown[0]!, suggest(rewritten.unknown[0]!, resolve));
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

/** The closest known table name, for "did you mean". */
function suggest(name: string, resolve: (name: string) => Binding | undefined): string | undefined {
  const [provider, service, resource] = name.toLowerCase().split('.');
  for (const candidate of [`${resource}s`, resource?.replace(/s$/, ''), `${resource?.replace(/y$/, '')}ies`]) {
    const binding = candidate ? resolve(`awscc.${service}.${candidate}`) : undefined;
    if (binding) return binding.readName;
  }
  void provider;
  return undefined;
}
