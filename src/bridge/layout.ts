/**
 * The SQL shape of a resource table: which columns are parameters (constraints SQLite hands to the
 * table function) and which are plain columns, and how one resource becomes one row.
 *
 * Parameters come first: `region` and `account_id` (visible: where each row lives, and filters SQLite
 * pushes down like any key), `Identifier` (hidden, as in StackQL), then the list keys
 * the type's list handler takes (visible columns too: `image_name` of image_versions), then, in a full
 * table, the primary identifier's own columns (`image_arn`): SQLite hands `image_arn = '…'` (or a join
 * on it) to the table function, which answers it with one GetResource instead of a listing. The native
 * module wants parameters first, so these columns come before the others in `SELECT *`; DESCRIBE keeps
 * the schema's order. After the property columns come hidden ones: StackQL's second spellings
 * (`_schema`), then `resource_model`, the whole Properties document as Cloud Control returned it, so a
 * property the catalog does not know yet is still there to `json_extract`.
 */

import type { ResourceType } from '../catalog/types.js';
import type { NativeParameter } from './native-table.js';
import { columnName } from '../catalog/naming.js';
import { toSqlite } from './values.js';

export const TABLE_VARIANTS = ['full', 'list_only', 'singular'] as const;
export type TableVariant = (typeof TABLE_VARIANTS)[number];

/** The hidden last column of every resource table. */
export const RESOURCE_MODEL = 'resource_model';

/** The column naming the account each row lives in, beside `region`. */
export const ACCOUNT_ID = 'account_id';

export interface LayoutColumn {
  readonly name: string;
  readonly property: string;
  /** A primary-identifier part nested below the top level (`Schedule/ScheduleId`): its path. */
  readonly path?: readonly string[];
  /** Its place in the primary identifier, to take it from the `|`-joined identifier when a listing omits it. */
  readonly identifierPart?: number;
}

export interface TableLayout {
  readonly parameters: readonly NativeParameter[];
  readonly hasIdentifier: boolean;
  /** List-key parameters, in parameter order after region (and Identifier). */
  readonly keys: readonly LayoutColumn[];
  /** Primary-identifier columns that are parameters too (a full table's), after the keys. */
  readonly idParts: readonly LayoutColumn[];
  /** The columns that are not parameters. */
  readonly columns: readonly LayoutColumn[];
  /** Every visible column after `region`, in the table's order: keys, identifier parts, the rest. */
  readonly visible: readonly LayoutColumn[];
  /**
   * Hidden second names of columns, for StackQL's spelling of properties named like SQL words
   * (`_schema` for `schema`): selectable by name, never in `SELECT *`.
   */
  readonly aliases: readonly LayoutColumn[];
}

/** The columns StackQL's awscc views prefix with `_` (their property names are SQL keywords). */
const STACKQL_UNDERSCORED = new Set(['database', 'force', 'format', 'match', 'registry', 'schema', 'update', 'values']);

/**
 * A property whose column name would collide with a parameter (16 types have a `Region` or an
 * `Identifier` property, 27 an `AccountId`) is exposed with a `resource_` prefix: `resource_region`,
 * `resource_account_id`. ccsql's own columns keep one meaning in every table.
 */
const RESERVED = new Set(['region', ACCOUNT_ID, 'identifier', RESOURCE_MODEL]);
export function columnNameOf(name: string): string {
  return RESERVED.has(name.toLowerCase()) ? `resource_${name.toLowerCase()}` : name;
}

export function layoutOf(type: ResourceType, variant: TableVariant): TableLayout {
  const listKeys = new Set([...type.listKeys.required, ...type.listKeys.optional]);
  const renamed = variant === 'singular' ? invert(type.aliases.columns) : {};
  const all = type.columns.map((c) => ({ name: renamed[c.name] ?? columnNameOf(c.name), property: c.property }));
  const keys = variant === 'singular' ? [] : all.filter((c) => listKeys.has(c.property));
  const identifying = new Set(type.primaryIdentifier);
  const idParts = variant === 'full' ? all.filter((c) => identifying.has(c.property) && !keys.includes(c)) : [];
  let columns = all.filter((c) => !keys.includes(c) && !idParts.includes(c));
  if (variant === 'list_only') {
    columns = [...columns.filter((c) => identifying.has(c.property)), ...nestedIdentifierColumns(type, new Set(all.map((c) => c.name)))];
  }
  const hasIdentifier = variant !== 'list_only';
  const parameters: NativeParameter[] = [
    { name: 'region', hidden: false, text: true },
    { name: ACCOUNT_ID, hidden: false, text: true },
    ...(hasIdentifier ? [{ name: 'Identifier', hidden: true, text: true }] : []),
    ...[...keys, ...idParts].map((k) => ({ name: k.name, hidden: false, text: true })),
  ];
  const aliases = [
    ...[...keys, ...idParts, ...columns].filter((c) => STACKQL_UNDERSCORED.has(c.name)).map((c) => ({ ...c, name: `_${c.name}` })),
    // Without the hidden Identifier parameter, a property named Identifier keeps StackQL's name too.
    ...(hasIdentifier ? [] : columns.filter((c) => c.name === 'resource_identifier').map((c) => ({ ...c, name: 'identifier' }))),
  ];
  return { parameters, hasIdentifier, keys, idParts, columns, visible: [...keys, ...idParts, ...columns], aliases };
}

/** The parameter columns before the list keys: region, account_id and (but in `_list_only`) Identifier. */
export function leadingColumns(layout: TableLayout): number {
  return layout.hasIdentifier ? 3 : 2;
}

export function rowOf(layout: TableLayout, region: string, accountId: string | undefined, identifier: string, properties: Record<string, unknown>): unknown[] {
  const row: unknown[] = [region, accountId ?? null];
  if (layout.hasIdentifier) row.push(identifier);
  for (const k of layout.keys) row.push(toSqlite(properties[k.property]));
  for (const k of layout.idParts) row.push(toSqlite(properties[k.property]));
  for (const c of layout.columns) row.push(toSqlite(c.path ? nestedValue(c, identifier, properties) : properties[c.property]));
  for (const c of layout.aliases) row.push(toSqlite(properties[c.property]));
  row.push(JSON.stringify(properties));
  return row;
}

/**
 * Three types name a nested property in their primary identifier (QuickSight refresh schedules'
 * `Schedule/ScheduleId`, S3 Storage Lens' `StorageLensConfiguration/Id`): a `_list_only` table shows
 * every identifier part, so each becomes a column, named as StackQL names it (`schedule__schedule_id`,
 * `storage_lens_configuration__id`).
 */
function nestedIdentifierColumns(type: ResourceType, taken: ReadonlySet<string>): LayoutColumn[] {
  return type.primaryIdentifier.flatMap((pointer, identifierPart) => {
    if (!pointer.includes('/')) return [];
    const path = pointer.split('/');
    // StackQL's spelling: each segment in snake_case, joined by a double underscore.
    const name = path.map(columnName).join('__');
    return taken.has(name) ? [] : [{ name, property: pointer, path, identifierPart }];
  });
}

function nestedValue(column: LayoutColumn, identifier: string, properties: Record<string, unknown>): unknown {
  let value: unknown = properties;
  for (const part of column.path!) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value ?? identifier.split('|')[column.identifierPart!];
}

function invert(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [oldName, name] of Object.entries(map)) out[name] = oldName;
  return out;
}

/** The visible columns in the schema's order (what DESCRIBE and the reference pages list): keys first. */
export function schemaOrder(layout: TableLayout, type: ResourceType): LayoutColumn[] {
  const rank = new Map(type.columns.map((c, i) => [c.property, i]));
  const rest = [...layout.idParts, ...layout.columns].sort((a, b) => (rank.get(a.property) ?? Infinity) - (rank.get(b.property) ?? Infinity));
  return [...layout.keys, ...rest];
}
