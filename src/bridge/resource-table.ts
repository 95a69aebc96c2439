/**
 * The table function behind every resource table. It runs inside SQLite's synchronous loop: it reads
 * from the FetchStore and records what is missing; the statement runner fetches and runs it again.
 *
 *   WHERE Identifier = …     → one GetResource per identifier; the same for `=`/IN on every column
 *                              of the primary identifier (`image_arn = …`), or a join on them
 *   no Identifier (full)     → ListResources (all pages) + GetResource per item, unless the statement
 *                              reads only what the listing carries (identifiers, list keys, region)
 *   `_list_only`             → ListResources only
 *
 * Each scan reads every account the query names (`account_id`, like `region`), each with its own
 * Cloud, in the regions region-scope.ts gives it (under `-r all`, those the account has enabled);
 * a failed account of several is skipped with a warning (account-scope.ts).
 *
 * Rows are made as SQLite pulls them, so a scan that SQLite ends early (a LIMIT) records misses only
 * for the resources it reached; under a LIMIT the misses of one round are capped (8, then doubling
 * each round), so `LIMIT 3` reads about three resources, not the whole listing.
 */

import { checkRegion } from '../cloud/index.js';
import type { Account } from '../cloud/accounts.js';
import { accountsOf, guarded, placeOf, type Place } from './account-scope.js';
import type { ResourceType } from '../catalog/types.js';
import type { ResourceDescription } from '../cloud/index.js';
import type { ColumnUse } from './column-use.js';
import type { BridgeContext } from './context.js';
import { hasHomeRegion, homeRegion, isGlobalType } from './global-types.js';
import { layoutOf, leadingColumns, RESOURCE_MODEL, rowOf, type TableLayout, type TableVariant } from './layout.js';
import { getKey, getLoader, listKey, type Properties } from './loaders.js';
import { listingOf } from './partial-listing.js';
import { answerableByListing, attemptKey, listedItem, standInLoader, type ListingStandIn } from './key-batch.js';
import { getOnly, missingListKey, noListHandler } from './messages.js';
import { checkParents } from './parent-check.js';
import { findParent, parentKeyValues } from './parents.js';
import type { NativeTableSpec } from './native-table.js';
import { regionsOf } from './region-scope.js';
import { MISSING } from './store.js';
import { identifierOf, keyText, kept, listModel, matchesKeys, missingKeys, readsBeyond } from './scan-keys.js';

type Rows = unknown[][];
type Row = unknown[];

/** Misses a limited scan records in its first round of reads; each later round doubles it. */
const FIRST_LIMITED_BATCH = 8;

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
    hiddenColumns: [...scan.layout.aliases.map((c) => c.name), RESOURCE_MODEL],
    rows: (...args: unknown[]) => rowsFor(scan, args),
  };
}

function* rowsFor(scan: Scan, args: unknown[]): Generator<Row> {
  const [regionArg, accountArg, ...rest] = args;
  const identifier = scan.layout.hasIdentifier ? rest.shift() : undefined;
  const id = identifier !== undefined ? String(identifier) : identifierOf(scan.type, scan.layout, rest);
  // Under -r all, the regions come from AWS; those a person names are checked before any call.
  for (const region of regionArg !== undefined ? [String(regionArg)] : scan.ctx.allRegions() ? [] : scan.ctx.regions()) checkRegion(region);
  if (id === undefined && scan.variant === 'singular') throw getOnly(scan.type, scan.tableName);
  const accounts = accountsOf(scan.ctx, accountArg, readsColumn(scan, 1));
  if (accounts === MISSING) return;
  for (const account of accounts) {
    if (isGlobalType(scan.type.typeName)) {
      yield* globalRows(scan, account, regionArg === undefined ? undefined : String(regionArg), id, rest);
      continue;
    }
    const regions = regionsOf(scan.ctx, account, regionArg);
    if (regions === MISSING) continue;
    for (const region of regions) {
      const place = placeOf(account, region);
      if (scan.ctx.accountFailures.has(place)) continue;
      scan.ctx.progress.region(region);
      if (id !== undefined) yield* keyedRows(scan, place, id, rest);
      else yield* listRows(scan, place, rest);
    }
  }
}

/** Whether the statement reads the column at `index` of this table (unknown use: no). */
function readsColumn(scan: Scan, index: number): boolean {
  return scan.ctx.columnUse()?.columns.get(scan.tableName)?.has(index) ?? false;
}

/**
 * A type every region answers the same (global-types.ts): read once, from the first session region,
 * whatever the regions asked; each row shows its own region (an S3 bucket's), or else the one asked
 * for, and a region asked for keeps only its rows.
 */
function* globalRows(scan: Scan, account: Account, wanted: string | undefined, identifier: string | undefined, keyArgs: unknown[]): Generator<Row> {
  const place = placeOf(account, scan.ctx.regions()[0]!);
  if (scan.ctx.accountFailures.has(place)) return;
  const from = place.region;
  scan.ctx.progress.region(from);
  const rows = identifier !== undefined ? pointRows(scan, place, identifier, keyArgs) : listRows(scan, place, keyArgs);
  const { layout, type } = scan;
  const offset = leadingColumns(layout) + layout.keys.length;
  const after = [...layout.idParts, ...layout.columns];
  const property = (row: Row) => (name: string) => {
    const at = after.findIndex((c) => c.property === name);
    return at < 0 ? undefined : row[offset + at];
  };
  for (const row of rows) {
    let home = homeRegion(type.typeName, property(row));
    if (home === undefined && hasHomeRegion(type.typeName)) {
      // A listing (a _list_only table) does not say where the resource lives; its model does.
      const id = type.primaryIdentifier.map((p) => keyText(property(row)(p))).join('|');
      const props = scan.ctx.store.lookup<Properties | null>(getKey(type.typeName, place.key, id), guarded(scan.ctx, place, getLoader(account.cloud, scan.ctx.signal, type.typeName, from, id)));
      if (props === MISSING || props === null) continue;
      home = homeRegion(type.typeName, (name) => props[name]);
    }
    const shown = home ?? wanted ?? from;
    if (wanted === undefined || shown === wanted) yield [shown, ...row.slice(1)];
  }
}

/**
 * One resource of a place by its identifier: from the type's complete listing when one is at hand
 * and the statement reads only what it carries, else one GetResource, which a listing may stand in
 * for when the round gathers many such keys (key-batch.ts).
 */
function* keyedRows(scan: Scan, place: Place, id: string, keyArgs: unknown[]): Generator<Row> {
  const { ctx, type, layout, tableName } = scan;
  const onlyIdentifier = [...layout.keys, ...layout.idParts].every((k, i) => keyArgs[i] === undefined || type.primaryIdentifier.includes(k.property));
  if (!type.handlers.list || type.listKeys.required.length > 0 || !onlyIdentifier) return yield* pointRows(scan, place, id, keyArgs);
  const key = listKey(type.typeName, place.key, undefined);
  const complete = ctx.store.has(key);
  const listed = complete ? listedItem(ctx.store, key, id) : undefined;
  if (complete && !listed) return;
  const beyond = readsBeyondListing(scan, ctx.columnUse());
  if (listed && !beyond) return yield rowOf(layout, place.region, place.account.id, id, listed.properties);
  const label = `${tableName} ${ctx.accounts.several ? `${place.account.label} ` : ''}${place.region}`;
  const standIn: ListingStandIn | undefined = beyond || complete || ctx.store.has(attemptKey(key)) ? undefined : {
    listKey: key,
    listing: (maxPages) => guarded(ctx, place, standInLoader(place.account.cloud, ctx.signal, type.typeName, place.region, key, maxPages, () => ctx.progress.listing(label, false))),
  };
  yield* pointRows(scan, place, id, keyArgs, standIn);
}

function pointRows(scan: Scan, place: Place, id: string, keyArgs: unknown[], standIn?: ListingStandIn): Rows {
  const { ctx, type, layout } = scan;
  const key = getKey(type.typeName, place.key, id);
  const read = guarded(ctx, place, getLoader(place.account.cloud, ctx.signal, type.typeName, place.region, id));
  const props = ctx.store.lookup<Properties | null>(key, standIn ? answerableByListing(read, standIn) : read);
  if (props === MISSING || props === null || !matchesKeys(layout, props, keyArgs)) return [];
  ctx.noticeProperties(type, props);
  return [ctx.store.memo(key, scan.tableName, () => rowOf(layout, place.region, place.account.id, id, props))];
}

function* listRows(scan: Scan, place: Place, keyArgs: unknown[], fromParents = false): Generator<Row> {
  const { ctx, type, layout, tableName } = scan;
  const { region } = place;
  if (!type.handlers.list) throw noListHandler(type, tableName, region);
  const orphan = missingKeys(scan.type, scan.layout, keyArgs);
  if (orphan.length === 1) return yield* listAcrossParents(scan, place, keyArgs, orphan[0]!);
  const model = listModel(scan.type, scan.layout, scan.tableName, keyArgs);
  const key = listKey(type.typeName, place.key, model);
  const use = ctx.columnUse();
  // A global type's rows need their full model to show the region each lives in.
  const hydrate = scan.variant === 'full' && (readsBeyondListing(scan, use) || hasHomeRegion(type.typeName));
  const label = `${tableName} ${ctx.accounts.several ? `${place.account.label} ` : ''}${region}`;
  // List handlers describe items by their primary identifier only: the keys sent are theirs too.
  const described = (d: ResourceDescription): ResourceDescription => ({ ...d, properties: { ...model, ...d.properties } });
  // A streamed statement reads the listing a window at a time, never whole (stream.ts).
  const windowed = hydrate ? undefined : ctx.window()?.items({ key, place, typeName: type.typeName, model, label });
  if (windowed) return yield* listedRows(scan, place, keyArgs, windowed.map(described));
  const budget = use?.limited ? FIRST_LIMITED_BATCH * 2 ** (ctx.store.round - 1) : undefined;
  // A filter the statement puts on identifiers spares the GetResource of each resource it drops.
  const filters = hydrate ? ctx.prefilters(tableName) : undefined;
  const reads = filters && ((d: ResourceDescription) => kept(layout, filters, described(d)));
  const listed = listingOf(ctx, place, { typeName: type.typeName, model, key, hydrate, budget, label, ...(reads ? { reads } : {}) });
  if (listed === MISSING) return;
  if (listed.items.length === 0 && !listed.more && model && !fromParents && !ctx.store.probing) checkParents(ctx, type, tableName, place, model);
  if (!hydrate) {
    yield* listedRows(scan, place, keyArgs, listed.items.map(described));
    // Reached only when SQLite asks for a row past the pages read so far.
    return listed.more?.();
  }
  const wanted = listed.items.map(described).filter((d) => matchesKeys(layout, d.properties, keyArgs) && kept(layout, filters, d));
  // Only a scan of the whole listing is remembered as the table's rows.
  const whole = listed.more || filters?.length ? undefined : key;
  const cached = whole && ctx.store.recall<Rows>(whole, tableName);
  if (cached) return yield* cached;
  // Under a LIMIT over this table alone, a resource not read yet stands in as a row of what the
  // listing says, so SQLite takes exactly as many as its LIMIT needs; the round is run again anyway.
  const pending = budget !== undefined && use?.columns.size === 1;
  const ended = yield* hydratedRows(scan, place, keyArgs, whole, wanted, budget ?? Infinity, pending);
  if (ended) listed.more?.();
}

/** Rows of what the listing alone says (a `_list_only` table, or columns the listing carries). */
function* listedRows(scan: Scan, place: Place, keyArgs: unknown[], items: readonly ResourceDescription[]): Generator<Row> {
  for (const d of items) if (matchesKeys(scan.layout, d.properties, keyArgs)) yield rowOf(scan.layout, place.region, place.account.id, d.identifier, d.properties);
}

/**
 * Full rows of listed resources, fetched by GetResource. `budget` caps the misses one round records:
 * past it the scan ends, since a LIMIT may never need the rest. True when every item was passed.
 */
function* hydratedRows(scan: Scan, place: Place, keyArgs: unknown[], key: string | undefined, wanted: readonly ResourceDescription[], budget: number, pending: boolean): Generator<Row, boolean> {
  const { ctx, type, layout } = scan;
  const rows: Rows = [];
  let missing = 0;
  for (const d of wanted) {
    const found = pointRows(scan, place, d.identifier, keyArgs);
    if (found.length > 0) {
      rows.push(found[0]!);
      if (missing === 0 || pending) yield found[0]!;
    } else if (!ctx.store.has(getKey(type.typeName, place.key, d.identifier))) {
      missing += 1;
      if (pending) {
        ctx.store.pending += 1;
        yield rowOf(layout, place.region, place.account.id, d.identifier, d.properties);
      }
      if (missing >= budget) return false;
    }
  }
  // A complete scan of a complete listing is remembered, so rescanning thousands of cached rows is one lookup.
  if (missing === 0 && key) ctx.store.remember(key, scan.tableName, rows);
  return true;
}

/** Whether the statement reads a column that only GetResource fills (unknown use counts as yes). */
function readsBeyondListing(scan: Scan, use: ColumnUse | undefined): boolean {
  return readsBeyond(scan.type, scan.layout, use?.columns.get(scan.tableName));
}

/**
 * A child table with its parent key unconstrained lists the children of every parent (as StackQL's
 * pages show its `_list_only` tables used): the parents are listed, then each one's children, and a
 * full table then reads each child it needs. Where no parent is inferred, the key must be given.
 */
function* listAcrossParents(scan: Scan, place: Place, keyArgs: unknown[], property: string): Generator<Row> {
  const parent = findParent(scan.type, property);
  if (!parent) throw missingListKey(scan.type, scan.tableName, [property]);
  const at = scan.layout.keys.findIndex((k) => k.property === property);
  for (const value of parentKeyValues(scan.ctx, place, parent)) yield* listRows(scan, place, keyArgs.map((a, i) => (i === at ? value : a)), true);
}
