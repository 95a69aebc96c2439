/**
 * The table function behind every resource table. It runs inside SQLite's synchronous loop: it reads
 * from the FetchStore and records what is missing; the statement runner fetches and runs it again.
 *
 *   WHERE Identifier = …     → one GetResource per identifier
 *   no Identifier (full)     → ListResources (all pages) + GetResource per item, unless the statement
 *                              reads only what the listing carries (identifiers, list keys, region)
 *   `_list_only`             → ListResources only
 *
 * Rows are made as SQLite pulls them, so a scan that SQLite ends early (a LIMIT) records misses only
 * for the resources it reached; under a LIMIT the misses of one round are capped (8, then doubling
 * each round), so `LIMIT 3` reads about three resources, not the whole listing.
 */

import type { ResourceType } from '../catalog/types.js';
import type { ResourceDescription } from '../cloud/index.js';
import type { ColumnUse } from './column-use.js';
import type { BridgeContext } from './context.js';
import { layoutOf, rowOf, type TableLayout, type TableVariant } from './layout.js';
import { getKey, getLoader, listKey, listLoader, type Properties } from './loaders.js';
import { getOnly, missingListKey, noListHandler } from './messages.js';
import { findParent } from './parents.js';
import type { NativeTableSpec } from './native-table.js';
import { MISSING } from './store.js';
import { sameValue } from './values.js';

type Rows = unknown[][];
type Row = unknown[];

/** Misses a limited scan records in its first round of reads; each later round doubles it. */
const FIRST_LIMITED_BATCH = 8;

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
    rows: (...args: unknown[]) => rowsFor(scan, args),
  };
}

function* rowsFor(scan: Scan, args: unknown[]): Generator<Row> {
  const [regionArg, ...rest] = args;
  const identifier = scan.layout.hasIdentifier ? rest.shift() : undefined;
  const regions = regionArg === undefined ? scan.ctx.regions() : [String(regionArg)];
  for (const region of regions) {
    if (identifier !== undefined) yield* pointRows(scan, region, String(identifier), rest);
    else if (scan.variant === 'singular') throw getOnly(scan.type, scan.tableName);
    else yield* listRows(scan, region, rest);
  }
}

function pointRows(scan: Scan, region: string, id: string, keyArgs: unknown[]): Rows {
  const { ctx, type, layout } = scan;
  const key = getKey(type.typeName, region, id);
  const props = ctx.store.lookup<Properties | null>(key, getLoader(ctx.cloud, ctx.signal, type.typeName, region, id));
  if (props === MISSING || props === null || !matchesKeys(layout, props, keyArgs)) return [];
  return [ctx.store.memo(key, scan.tableName, () => rowOf(layout, region, id, props))];
}

function* listRows(scan: Scan, region: string, keyArgs: unknown[]): Generator<Row> {
  const { ctx, type, layout, tableName } = scan;
  if (!type.handlers.list) throw noListHandler(type, tableName, region);
  const orphan = scan.variant === 'list_only' ? missingKeys(scan, keyArgs) : [];
  if (orphan.length === 1) return yield* listAcrossParents(scan, region, keyArgs, orphan[0]!);
  const model = listModel(scan, keyArgs);
  const key = listKey(type.typeName, region, model);
  const use = ctx.columnUse();
  const hydrate = scan.variant === 'full' && readsBeyondListing(scan, use);
  const listed = ctx.store.lookup<ResourceDescription[]>(key, listLoader(ctx.cloud, ctx.signal, type.typeName, region, model, hydrate && !use?.limited, (reading) => ctx.progress.listing(`${tableName} ${region}`, reading)));
  if (listed === MISSING) return;
  // List handlers describe items by their primary identifier only: the keys sent are theirs too.
  const wanted = listed.map((d) => ({ ...d, properties: { ...model, ...d.properties } })).filter((d) => matchesKeys(layout, d.properties, keyArgs));
  if (!hydrate) {
    for (const d of wanted) yield rowOf(layout, region, d.identifier, d.properties);
    return;
  }
  const cached = ctx.store.recall<Rows>(key, tableName);
  if (cached) return yield* cached;
  yield* hydratedRows(scan, region, keyArgs, key, wanted, use?.limited ? FIRST_LIMITED_BATCH * 2 ** (ctx.store.round - 1) : Infinity);
}

/**
 * Full rows of listed resources, fetched by GetResource. `budget` caps the misses one round records:
 * past it the scan ends, since a LIMIT may never need the rest.
 */
function* hydratedRows(scan: Scan, region: string, keyArgs: unknown[], key: string, wanted: readonly ResourceDescription[], budget: number): Generator<Row> {
  const { ctx, type, tableName } = scan;
  const rows: Rows = [];
  let missing = 0;
  for (const d of wanted) {
    const found = pointRows(scan, region, d.identifier, keyArgs);
    if (found.length > 0) {
      rows.push(found[0]!);
      if (missing === 0) yield found[0]!;
    } else if (!ctx.store.has(getKey(type.typeName, region, d.identifier)) && (missing += 1) >= budget) {
      return;
    }
  }
  // A complete scan is remembered, so rescanning thousands of cached rows is one lookup.
  if (missing === 0) ctx.store.remember(key, tableName, rows);
}

/** Whether the statement reads a column that only GetResource fills (unknown use counts as yes). */
function readsBeyondListing(scan: Scan, use: ColumnUse | undefined): boolean {
  const read = use?.columns.get(scan.tableName);
  if (!read) return true;
  const { parameters, columns } = scan.layout;
  const listed = new Set(scan.type.primaryIdentifier);
  for (const index of read) {
    const column = columns[index - parameters.length];
    if (column && !listed.has(column.property)) return true;
  }
  return false;
}

function missingKeys(scan: Scan, keyArgs: unknown[]): string[] {
  return scan.type.listKeys.required.filter((p) => keyArgs[scan.layout.keys.findIndex((k) => k.property === p)] === undefined);
}

/**
 * A `_list_only` table of child resources with its parent key unconstrained lists the children of
 * every parent (as StackQL's pages show it used): the parents are listed, then each one's children.
 * A full table asks for the key instead (messages.ts), since hydrating every child is the costly case.
 */
function* listAcrossParents(scan: Scan, region: string, keyArgs: unknown[], property: string): Generator<Row> {
  const { ctx, type, tableName } = scan;
  const parent = findParent(type, property);
  if (!parent) throw missingListKey(type, tableName, [property]);
  const hydrate = !parent.primaryIdentifier.includes(property);
  const listed = ctx.store.lookup<ResourceDescription[]>(listKey(parent.typeName, region, undefined), listLoader(ctx.cloud, ctx.signal, parent.typeName, region, undefined, hydrate, (reading) => ctx.progress.listing(`${parent.sqlName} ${region}`, reading)));
  if (listed === MISSING) return;
  const at = scan.layout.keys.findIndex((k) => k.property === property);
  const values = new Set<unknown>();
  for (const d of listed) {
    const props = hydrate ? ctx.store.lookup<Properties | null>(getKey(parent.typeName, region, d.identifier), getLoader(ctx.cloud, ctx.signal, parent.typeName, region, d.identifier)) : d.properties;
    if (props && props !== MISSING && props[property] !== undefined) values.add(props[property]);
  }
  for (const value of values) yield* listRows(scan, region, keyArgs.map((a, i) => (i === at ? value : a)));
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
