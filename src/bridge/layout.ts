/**
 * The SQL shape of a resource table: which columns are parameters (constraints SQLite hands to the
 * table function) and which are plain columns, and how one resource becomes one row.
 *
 * Parameters come first: `region` (visible), `Identifier` (hidden, as in StackQL), then the list keys
 * the type's list handler takes (visible columns too: `image_name` of image_versions). After the
 * property columns comes the hidden `resource_model`: the whole Properties document as Cloud Control
 * returned it, so a property the catalog does not know yet is still there to `json_extract`.
 */

import type { ResourceType } from '../catalog/types.js';
import type { NativeParameter } from './native-table.js';
import { toSqlite } from './values.js';

export const TABLE_VARIANTS = ['full', 'list_only', 'singular'] as const;
export type TableVariant = (typeof TABLE_VARIANTS)[number];

/** The hidden last column of every resource table. */
export const RESOURCE_MODEL = 'resource_model';

export interface LayoutColumn {
  readonly name: string;
  readonly property: string;
}

export interface TableLayout {
  readonly parameters: readonly NativeParameter[];
  readonly hasIdentifier: boolean;
  /** List-key parameters, in parameter order after region (and Identifier). */
  readonly keys: readonly LayoutColumn[];
  readonly columns: readonly LayoutColumn[];
}

/**
 * A property whose column name would collide with a parameter (16 types have a `Region` or an
 * `Identifier` property) is exposed with a `resource_` prefix: `resource_region`.
 */
const RESERVED = new Set(['region', 'identifier', RESOURCE_MODEL]);
export function columnNameOf(name: string): string {
  return RESERVED.has(name.toLowerCase()) ? `resource_${name.toLowerCase()}` : name;
}

export function layoutOf(type: ResourceType, variant: TableVariant): TableLayout {
  const listKeys = new Set([...type.listKeys.required, ...type.listKeys.optional]);
  const renamed = variant === 'singular' ? invert(type.aliases.columns) : {};
  const all = type.columns.map((c) => ({ name: renamed[c.name] ?? columnNameOf(c.name), property: c.property }));
  const keys = variant === 'singular' ? [] : all.filter((c) => listKeys.has(c.property));
  let columns = all.filter((c) => !keys.includes(c));
  if (variant === 'list_only') {
    const identifying = new Set(type.primaryIdentifier);
    columns = columns.filter((c) => identifying.has(c.property));
  }
  const hasIdentifier = variant !== 'list_only';
  const parameters: NativeParameter[] = [
    { name: 'region', hidden: false },
    ...(hasIdentifier ? [{ name: 'Identifier', hidden: true }] : []),
    ...keys.map((k) => ({ name: k.name, hidden: false })),
  ];
  return { parameters, hasIdentifier, keys, columns };
}

export function rowOf(layout: TableLayout, region: string, identifier: string, properties: Record<string, unknown>): unknown[] {
  const row: unknown[] = [region];
  if (layout.hasIdentifier) row.push(identifier);
  for (const k of layout.keys) row.push(toSqlite(properties[k.property]));
  for (const c of layout.columns) row.push(toSqlite(properties[c.property]));
  row.push(JSON.stringify(properties));
  return row;
}

function invert(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [oldName, name] of Object.entries(map)) out[name] = oldName;
  return out;
}
