/**
 * The table function behind every resource table. It runs inside SQLite's synchronous loop: it reads
 * from the FetchStore and records what is missing; the statement runner fetches and runs it again.
 *
 *   WHERE Identifier = …     → one GetResource per identifier
 *   no Identifier (full)     → ListResources (all pages) + GetResource per item
 *   `_list_only`             → ListResources only
 */

import type { ResourceType } from '../catalog/types.js';
import type { ResourceDescription } from '../cloud/index.js';
import type { BridgeContext } from './context.js';
import { layoutOf, rowOf, type TableLayout, type TableVariant } from './layout.js';
import { getKey, getLoader, listKey, listLoader, type Properties } from './loaders.js';
import { getOnly, missingListKey, noListHandler } from './messages.js';
import { checkParents } from './parent-check.js';
import { findParent } from './parents.js';
import type { NativeTableSpec } from './native-table.js';
import { MISSING } from './store.js';
import { sameValue } from './values.js';

type Rows = unknown[][];

/** Declared types: `JSON` and `BOOLEAN` tell the output modes to print objects and booleans as JSON. */
const SQL_TYPES: Readonly<Record<string, string>> = { string: 'TEXT', integer: 'INTEGER', number: 'REAL', boolean: 'BOOLEAN', object: 'JSON', array: 'JSON' };

interface Scan {
  readonly ctx: BridgeContext;
  readonly type: ResourceType;
  readonly variant: TableVariant;
  readonly tableName: string;
  readonly layout: TableLayout;
}

export function resourceTableSpec(ctx: BridgeContext, type: ResourceType, variant: TableVariant, tableName: string): NativeTableSpec {
  const scan: Scan = { ctx, type, variant, tableName, layout: layoutOf(type, variant) };
  return {
    parameters: scan.layout.parameters,
    columns: scan.layout.columns.map((c) => c.name),
    types: scan.layout.columns.map((c) => SQL_TYPES[type.columns.find((t) => t.property === c.property)?.type ?? 'string']),
    hiddenColumns: scan.layout.aliases.map((c) => c.name),
    rows: (...args: unknown[]) => {
      const chunks = rowsFor(scan, args);
      return (chunks.length === 1 ? chunks[0]! : chunks.flat()).values();
    },
  };
}

/** One chunk of rows per region (a cached chunk is handed over as it is, without copying). */
function rowsFor(scan: Scan, args: unknown[]): Rows[] {
  const [regionArg, ...rest] = args;
  const identifier = scan.layout.hasIdentifier ? rest.shift() : undefined;
  const regions = regionArg === undefined ? scan.ctx.regions() : [String(regionArg)];
  return regions.map((region) => {
    if (identifier !== undefined) return pointRows(scan, region, String(identifier), rest);
    if (scan.variant === 'singular') throw getOnly(scan.type, scan.tableName);
    return listRows(scan, region, rest);
  });
}

function pointRows(scan: Scan, region: string, id: string, keyArgs: unknown[]): Rows {
  const { ctx, type, layout } = scan;
  const key = getKey(type.typeName, region, id);
  const props = ctx.store.lookup<Properties | null>(key, getLoader(ctx.cloud, ctx.signal, type.typeName, region, id));
  if (props === MISSING || props === null || !matchesKeys(layout, props, keyArgs)) return [];
  return [ctx.store.memo(key, scan.tableName, () => rowOf(layout, region, id, props))];
}

function listRows(scan: Scan, region: string, keyArgs: unknown[], fromParents = false): Rows {
  const { ctx, type, layout, tableName } = scan;
  if (!type.handlers.list) throw noListHandler(type, tableName, region);
  const orphan = scan.variant === 'list_only' ? missingKeys(scan, keyArgs) : [];
  if (orphan.length === 1) return listAcrossParents(scan, region, keyArgs, orphan[0]!);
  const model = listModel(scan, keyArgs);
  const key = listKey(type.typeName, region, model);
  const hydrate = scan.variant === 'full';
  const listed = ctx.store.lookup<ResourceDescription[]>(key, listLoader(ctx.cloud, ctx.signal, type.typeName, region, model, hydrate));
  if (listed === MISSING) return [];
  if (listed.length === 0 && model && !fromParents) checkParents(ctx, type, tableName, region, model);
  // List handlers describe items by their primary identifier only: the keys sent are theirs too.
  const wanted = listed.map((d) => ({ ...d, properties: { ...model, ...d.properties } })).filter((d) => matchesKeys(layout, d.properties, keyArgs));
  if (!hydrate) return wanted.map((d) => rowOf(layout, region, d.identifier, d.properties));
  const cached = ctx.store.recall<Rows>(key, tableName);
  if (cached) return cached;
  const rows: Rows = [];
  let complete = true;
  for (const d of wanted) {
    const found = pointRows(scan, region, d.identifier, keyArgs);
    if (found.length > 0) rows.push(found[0]!);
    else if (!ctx.store.has(getKey(type.typeName, region, d.identifier))) complete = false;
  }
  // A complete scan is remembered, so rescanning thousands of cached rows is one lookup.
  if (complete) ctx.store.remember(key, tableName, rows);
  return rows;
}

function missingKeys(scan: Scan, keyArgs: unknown[]): string[] {
  return scan.type.listKeys.required.filter((p) => keyArgs[scan.layout.keys.findIndex((k) => k.property === p)] === undefined);
}

/**
 * A `_list_only` table of child resources with its parent key unconstrained lists the children of
 * every parent (as StackQL's pages show it used): the parents are listed, then each one's children.
 * A full table asks for the key instead (messages.ts), since hydrating every child is the costly case.
 */
function listAcrossParents(scan: Scan, region: string, keyArgs: unknown[], property: string): Rows {
  const { ctx, type, tableName } = scan;
  const parent = findParent(type, property);
  if (!parent) throw missingListKey(type, tableName, [property]);
  const hydrate = !parent.primaryIdentifier.includes(property);
  const listed = ctx.store.lookup<ResourceDescription[]>(listKey(parent.typeName, region, undefined), listLoader(ctx.cloud, ctx.signal, parent.typeName, region, undefined, hydrate));
  if (listed === MISSING) return [];
  const at = scan.layout.keys.findIndex((k) => k.property === property);
  const values = new Set<unknown>();
  for (const d of listed) {
    const props = hydrate ? ctx.store.lookup<Properties | null>(getKey(parent.typeName, region, d.identifier), getLoader(ctx.cloud, ctx.signal, parent.typeName, region, d.identifier)) : d.properties;
    if (props && props !== MISSING && props[property] !== undefined) values.add(props[property]);
  }
  return [...values].flatMap((value) => listRows(scan, region, keyArgs.map((a, i) => (i === at ? value : a)), true));
}

function listModel(scan: Scan, keyArgs: unknown[]): Properties | undefined {
  const model: Properties = {};
  scan.layout.keys.forEach((k, i) => {
    if (keyArgs[i] !== undefined) model[k.property] = keyArgs[i];
  });
  const missing = scan.type.listKeys.required.filter((p) => model[p] === undefined);
  if (missing.length > 0) throw missingListKey(scan.type, scan.tableName, missing);
  return Object.keys(model).length > 0 ? model : undefined;
}

function matchesKeys(layout: TableLayout, props: Properties, keyArgs: unknown[]): boolean {
  return layout.keys.every((k, i) => sameValue(keyArgs[i], props[k.property]));
}
