/**
 * The errors a user meets while reading resource tables: one sentence naming the table, the region
 * where it matters, and the way out.
 */

import type { ResourceType } from '../catalog/types.js';
import { CcsqlError } from '../errors.js';
import { columnNameOf } from './layout.js';
import { findParent } from './parents.js';

function columnOf(type: ResourceType, property: string): string {
  return columnNameOf(type.columns.find((c) => c.property === property)?.name ?? property);
}

export function missingListKey(type: ResourceType, table: string, properties: readonly string[]): CcsqlError {
  const columns = properties.map((p) => columnOf(type, p));
  const example = parentJoinExample(type, table, properties[0]!);
  const where = columns.map((c) => `${c} = '…'`).join(' AND ');
  return new CcsqlError(
    'MISSING_LIST_KEY',
    `Listing ${table} needs ${columns.join(' and ')}: add WHERE ${where}, or take it from a join, e.g. ${example}`,
    { table, column: columns[0], typeName: type.typeName },
  );
}

/**
 * A query that supplies the key from its parent table, e.g. images → image_versions; a parent that
 * needs a key of its own is read through its `_list_only` table, which lists across its parents.
 */
function parentJoinExample(type: ResourceType, table: string, property: string): string {
  const column = columnOf(type, property);
  const parent = findParent(type, property);
  if (!parent) return `SELECT * FROM ${table} WHERE region = 'us-east-1' AND ${column} = '…'`;
  const { type: parentType, property: parentProperty } = parent;
  const chained = parentType.listKeys.required.length > 0 && parentType.primaryIdentifier.includes(parentProperty);
  const parentTable = chained ? `${parentType.sqlName}_list_only` : parentType.sqlName;
  return (
    `SELECT c.* FROM ${parentTable} p JOIN ${table} c ON c.${column} = p.${columnOf(parentType, parentProperty)} ` +
    `WHERE p.region = 'us-east-1'`
  );
}

export function noListHandler(type: ResourceType, table: string, region: string): CcsqlError {
  return new CcsqlError(
    'UNSUPPORTED_ACTION',
    `${table} cannot be listed in ${region}: Cloud Control has no list handler for ${type.typeName}; ` +
      `read one resource with WHERE Identifier = '…'.`,
    { table, region, typeName: type.typeName },
  );
}

export function getOnly(type: ResourceType, table: string): CcsqlError {
  return new CcsqlError(
    'UNSUPPORTED_ACTION',
    `${table} reads one resource at a time: add WHERE Identifier = '…', or list with ${type.sqlName}.`,
    { table, typeName: type.typeName },
  );
}

export function unknownTable(name: string, suggestion?: string): CcsqlError {
  const hint = suggestion ? ` Did you mean ${suggestion}?` : ` SHOW SERVICES IN awscc and SHOW RESOURCES IN awscc.<service> list the tables.`;
  return new CcsqlError('UNKNOWN_TABLE', `There is no table ${name}.${hint}`, { table: name });
}

export function equalityOnly(column: string, table: string | undefined): CcsqlError {
  const where = table ? ` of ${table}` : '';
  return new CcsqlError(
    'UNSUPPORTED_CONSTRAINT',
    `Column ${column}${where} is sent to Cloud Control and can only be compared with = or IN (…); ` +
      `to filter it locally, write +${column} (for example WHERE +${column} LIKE 'us-%').`,
    { table, column },
  );
}
