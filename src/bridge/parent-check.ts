/**
 * An empty listing of a child type (image versions of image 'nope') looks the same whether the parent
 * has no children or does not exist: Cloud Control list handlers answer both with no items. When a
 * child listing comes back empty, this asks whether the parent is there and warns when it is not; the
 * result stays empty, as a database's would, but the person learns why. The parent's listing is
 * fetched once per statement however many children come back empty (a join over many parents).
 */

import type { ResourceType } from '../catalog/types.js';
import type { BridgeContext } from './context.js';
import { getKey, getLoader, listKey, type Properties } from './loaders.js';
import { findParent, parentKeyReading } from './parents.js';
import { MISSING } from './store.js';
import { guarded, placeOf, type Place } from './account-scope.js';
import { regionsOf } from './region-scope.js';

export function checkParents(ctx: BridgeContext, type: ResourceType, tableName: string, place: Place, model: Properties): void {
  const { region } = place;
  for (const property of type.listKeys.required) {
    const value = model[property];
    const link = value === undefined ? undefined : findParent(type, property);
    if (!link) continue;
    const parent = link.type;
    // A join fans a key out over every default region; only a parent found in none of them is news.
    // The same order from every region's scan, so the warning is memoized on one entry: said once.
    // Under -r all, the account's enabled regions (known by now: its scan read them).
    const defaults = regionsOf(ctx, place.account, undefined);
    if (defaults === MISSING) continue;
    const regions = [...new Set([...defaults, region])];
    const places = regions.map((r) => placeOf(place.account, r));
    // What the statement already holds answers first, at no cost: in a join the parent's own scan has
    // usually read the parent, in one region, and the other regions need not be asked.
    const atHand = places.filter((p) => parentAtHand(ctx, parent, p, link.property, value));
    if (atHand.some((p) => parentExists(ctx, parent, p, link.property, value))) continue;
    // The parent's own property holds the value (Domain's Id for DataZone's DomainIdentifier).
    const found = places.map((p) => parentExists(ctx, parent, p, link.property, value));
    if (found.some((exists) => exists !== false)) continue;
    // Once per table, account and value while the mark lives, however many rounds and regions ask.
    const warned = `parent-warned\u0000${tableName}\u0000${place.account.key}\u0000${JSON.stringify(value)}`;
    if (ctx.store.has(warned)) continue;
    ctx.store.put(warned, true);
    const column = type.columns.find((c) => c.property === property)?.name ?? property;
    ctx.warn({
      code: 'PARENT_NOT_FOUND',
      table: tableName,
      message: `${tableName} has no rows for ${column} = '${String(value)}': no ${parent.sqlName} with that ${column} was found in ${regions.join(', ')}${ctx.accounts.several ? ` of account ${place.account.label}` : ''}.`,
    });
  }
}

/** Whether `property` is the parent's whole primary identifier: the parent is then one GetResource. */
function byIdentifier(parent: ResourceType, property: string): boolean {
  return parent.primaryIdentifier.length === 1 && parent.primaryIdentifier[0] === property;
}

/** Whether the store holds what says if the parent is in `place` (its read, or its type's listing). */
function parentAtHand(ctx: BridgeContext, parent: ResourceType, place: Place, property: string, value: unknown): boolean {
  if (byIdentifier(parent, property)) return ctx.store.has(getKey(parent.typeName, place.key, String(value)));
  return parent.listKeys.required.length === 0 && ctx.store.has(listKey(parent.typeName, place.key, undefined));
}

/** Whether the parent is there (undefined while its fetch is pending, which records the miss). */
function parentExists(ctx: BridgeContext, parent: ResourceType, place: Place, property: string, value: unknown): boolean | undefined {
  if (byIdentifier(parent, property)) {
    const found = ctx.store.lookup<Properties | null>(getKey(parent.typeName, place.key, String(value)), guarded(ctx, place, getLoader(place.account.cloud, ctx.signal, parent.typeName, place.region, String(value))));
    return found === MISSING ? undefined : found !== null;
  }
  // The parents' listing and reads are the entries a scan of the parent's table uses: a join that
  // reads the parents already holds them, and no call is made twice in one statement.
  const { values, complete } = parentKeyReading(ctx, place, { type: parent, property });
  if (!complete) return undefined;
  const wanted = JSON.stringify(value);
  return values.some((v) => JSON.stringify(v) === wanted);
}
