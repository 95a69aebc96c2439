/**
 * What a resource table's parameters say about a scan: the identifier its identifier columns spell
 * out, the ResourceModel a listing is sent with, which list keys are missing, whether a resource
 * matches the keys asked for, passes the identifier filters, and whether the columns read need more
 * than the listing.
 */

import type { ResourceType } from '../catalog/types.js';
import type { ResourceDescription } from '../cloud/index.js';
import type { Prefilter } from './context.js';
import type { TableLayout } from './layout.js';
import type { Properties } from './loaders.js';
import { missingListKey } from './messages.js';
import { keyFromSqlite, sameValue, toSqlite } from './values.js';

/**
 * The identifier that the constraints on the primary identifier's columns spell out, when they give
 * every part (Cloud Control joins a compound identifier's parts with `|`, in the schema's order).
 */
export function identifierOf(type: ResourceType, layout: TableLayout, args: unknown[]): string | undefined {
  // A `_list_only` table reads no resource by its identifier; a full table whose identifier is a
  // list key (a log group's name) reads it by that key as by any identifier column.
  if (!layout.hasIdentifier) return undefined;
  const given = [...layout.keys, ...layout.idParts];
  const parts = type.primaryIdentifier.map((property) => args[given.findIndex((c) => c.property === property)]);
  return parts.every((p) => p !== undefined && p !== null) ? parts.map(keyText).join('|') : undefined;
}

export function keyText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
}

/** Whether reading these columns of a full table takes GetResource, not the listing alone (none known: yes). */
export function readsBeyond(type: ResourceType, layout: TableLayout, read: ReadonlySet<number> | undefined): boolean {
  if (!read) return true;
  const { parameters, columns, aliases } = layout;
  const listed = new Set(type.primaryIdentifier);
  const after = [...columns, ...aliases];
  for (const index of read) {
    // Past the property columns and their second spellings is resource_model, which only GetResource fills in full.
    if (index >= parameters.length + after.length) return true;
    const column = after[index - parameters.length];
    if (column && !listed.has(column.property)) return true;
  }
  return false;
}

export function missingKeys(type: ResourceType, layout: TableLayout, keyArgs: unknown[]): string[] {
  return type.listKeys.required.filter((p) => keyArgs[layout.keys.findIndex((k) => k.property === p)] === undefined);
}

/** The ResourceModel a listing is sent with: the list keys the query gives (a required one missing fails). */
export function listModel(type: ResourceType, layout: TableLayout, tableName: string, keyArgs: unknown[]): Properties | undefined {
  const model: Properties = {};
  layout.keys.forEach((k, i) => {
    if (keyArgs[i] !== undefined) model[k.property] = keyFromSqlite(keyArgs[i], type.columns.find((c) => c.property === k.property)?.type);
  });
  const missing = type.listKeys.required.filter((p) => model[p] === undefined);
  if (missing.length > 0) throw missingListKey(type, tableName, missing);
  return Object.keys(model).length > 0 ? model : undefined;
}

/** Whether a listed resource passes the statement's identifier filters (prefilter.ts). */
export function kept(layout: TableLayout, filters: readonly Prefilter[] | undefined, d: ResourceDescription): boolean {
  if (!filters) return true;
  const columns = [...layout.keys, ...layout.idParts];
  return filters.every((f) => {
    const value = f.column === 'identifier' ? d.identifier : toSqlite(d.properties[columns.find((c) => c.name.toLowerCase() === f.column)?.property ?? '']);
    return typeof value !== 'string' || f.keeps(value);
  });
}

/** Whether a resource has the list-key and identifier values the query asked for. */
export function matchesKeys(layout: TableLayout, props: Properties, keyArgs: unknown[]): boolean {
  return [...layout.keys, ...layout.idParts].every((k, i) => sameValue(keyArgs[i], props[k.property]));
}
