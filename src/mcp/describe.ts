/**
 * `describe_table`: a table's columns as DESCRIBE EXTENDED gives them (the library's own SQL, so a
 * wrong name fails as it does in a query, naming the closest table), with roles as a list, and one
 * statement that runs as written: the list keys a child table needs are in its WHERE.
 */

import { CcsqlError, type CcsqlDatabase, type ResourceType } from '../index.js';

export interface DescribedColumn {
  readonly name: string;
  readonly type: string;
  readonly roles: readonly string[];
  readonly refers_to?: string;
  readonly description: string;
}

export interface TableDescription {
  readonly table: string;
  readonly type_name: string;
  readonly description: string;
  readonly columns: readonly DescribedColumn[];
  readonly example: string;
  readonly notes: readonly string[];
}

/** A table name as an agent may give it: letters, digits, `_` and dots, nothing a statement could hide in. */
const TABLE_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){1,3}$/;

export function checkTableName(table: string): string {
  const name = table.trim();
  if (!TABLE_NAME.test(name)) throw new CcsqlError('UNKNOWN_TABLE', `"${table}" is not a table name: table names look like awscc.s3.buckets (search_tables finds them).`, { table });
  return name;
}

export async function describeTable(db: CcsqlDatabase, table: string): Promise<TableDescription> {
  const name = checkTableName(table);
  const rows = await db.query<{ name: string; type: string; roles: string; refers_to: string; description: string }>(`DESCRIBE EXTENDED ${name}`);
  const { type, variant } = db.catalog.resolve(name)!;
  const columns = rows.map((r) => ({
    name: r.name,
    type: r.type,
    roles: r.roles === '' ? [] : r.roles.split(', '),
    ...(r.refers_to ? { refers_to: r.refers_to } : {}),
    description: r.description,
  }));
  const listOnly = variant === 'list_only';
  return {
    table: name,
    type_name: type.typeName,
    description: type.description,
    columns,
    example: exampleOf(type, name, columns, db.regions[0] ?? 'us-east-1'),
    notes: notesOf(type, listOnly),
  };
}

function exampleOf(type: ResourceType, table: string, columns: readonly DescribedColumn[], region: string): string {
  const keys = type.listKeys.required.map((p) => type.columns.find((c) => c.property === p)?.name ?? p);
  const identifiers = columns.filter((c) => c.roles.some((r) => r.startsWith('identifier'))).map((c) => c.name);
  const others = columns.filter((c) => !identifiers.includes(c.name) && !keys.includes(c.name) && c.name !== 'region' && c.name !== 'resource_model' && c.name !== 'account_id').slice(0, 3).map((c) => c.name);
  const selected = [...new Set(['region', ...keys, ...identifiers, ...others])];
  const where = [`region = '${region}'`, ...keys.map((k) => `${k} = '…'`)];
  return `SELECT ${selected.join(', ')} FROM ${table} WHERE ${where.join(' AND ')} LIMIT 10`;
}

function notesOf(type: ResourceType, listOnly: boolean): string[] {
  const notes: string[] = [];
  if (type.listKeys.required.length > 0) notes.push('A list key must be given (= or IN, or from a join) to list this table.');
  if (!type.handlers.list) notes.push('This type cannot be listed: give its identifier with = or IN.');
  if (!listOnly && type.handlers.list) notes.push(`Every row of the full table costs one GetResource; ${type.sqlName}_list_only answers from the listing alone (identifiers only).`);
  notes.push('Compare identifier and list-key columns with = or IN (sent to Cloud Control); prefix a column with + to filter locally (WHERE +name LIKE \'a%\').');
  return notes;
}
