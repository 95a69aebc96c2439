/**
 * An empty listing of a child type (image versions of image 'nope') looks the same whether the parent
 * has no children or does not exist: Cloud Control list handlers answer both with no items. When a
 * child listing comes back empty, this asks whether the parent is there and warns when it is not; the
 * result stays empty, as a database's would, but the person learns why. The parent's listing is
 * fetched once per statement however many children come back empty (a join over many parents).
 */

import type { ResourceType } from '../catalog/types.js';
import type { BridgeContext } from './context.js';
import { getKey, getLoader, settleAll, type Properties } from './loaders.js';
import { findParent } from './parents.js';
import { MISSING, type Loader } from './store.js';
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
    // The parent's own property holds the value (Domain's Id for DataZone's DomainIdentifier).
    const found = regions.map((r) => parentLookup(ctx, parent, placeOf(place.account, r), link.property, value));
    if (found.some((f) => f.exists === undefined) || found.some((f) => f.exists)) continue;
    const column = type.columns.find((c) => c.property === property)?.name ?? property;
    // Once per value while the entry lives, however many rounds the statement takes.
    ctx.store.memo(found[0]!.key, `warned\u0000${tableName}\u0000${JSON.stringify(value)}`, () =>
      ctx.warn({
        code: 'PARENT_NOT_FOUND',
        table: tableName,
        message: `${tableName} has no rows for ${column} = '${String(value)}': no ${parent.sqlName} with that ${column} was found in ${regions.join(', ')}${ctx.accounts.several ? ` of account ${place.account.label}` : ''}.`,
      }),
    );
  }
}

/** Whether the parent is there (undefined while its fetch is pending, which records the miss). */
function parentLookup(ctx: BridgeContext, parent: ResourceType, place: Place, property: string, value: unknown): { key: string; exists: boolean | undefined } {
  const byIdentifier = parent.primaryIdentifier.length === 1 && parent.primaryIdentifier[0] === property;
  const key = byIdentifier ? getKey(parent.typeName, place.key, String(value)) : `parent-values\u0000${parent.typeName}\u0000${place.key}\u0000${property}`;
  const loader = byIdentifier ? getLoader(place.account.cloud, ctx.signal, parent.typeName, place.region, String(value)) : valuesLoader(ctx, parent, place, property);
  const found = ctx.store.lookup<Properties | null | ReadonlySet<string>>(key, guarded(ctx, place, loader));
  if (found === MISSING) return { key, exists: undefined };
  return { key, exists: found instanceof Set ? found.has(JSON.stringify(value)) : found !== null };
}

/** Every value the parents hold for `property` (list handlers give the primary identifier only, so the others are read). */
function valuesLoader(ctx: BridgeContext, parent: ResourceType, place: Place, property: string): Loader {
  const { region, account: { cloud } } = place;
  return async () => {
    const signal = ctx.signal();
    const listed = await cloud.list(parent.typeName, region, undefined, signal);
    const known = listed.filter((d) => d.properties[property] !== undefined).map((d) => d.properties);
    const read = await settleAll(listed.filter((d) => d.properties[property] === undefined).map((d) => cloud.get(parent.typeName, region, d.identifier, signal)));
    return new Set([...known, ...read.map((r) => r?.properties ?? {})].map((p) => JSON.stringify(p[property])));
  };
}
