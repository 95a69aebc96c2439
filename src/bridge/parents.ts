/**
 * Parents of child resources at run time: the rule is src/catalog/parents.ts; this resolves it against
 * the catalog and collects a parent's key values across every parent resource (a chain of parents is
 * walked: a parent that needs a key of its own is listed per its own parent's values).
 */

import { defaultCatalog } from '../catalog/index.js';
import { inferParent } from '../catalog/parents.js';
import type { ResourceType } from '../catalog/types.js';
import type { BridgeContext } from './context.js';
import { getKey, getLoader, listKey, listLoader, type Properties } from './loaders.js';
import { MISSING } from './store.js';
import type { ResourceDescription } from '../cloud/index.js';
import { guarded, type Place } from './account-scope.js';

export interface Parent {
  readonly type: ResourceType;
  /** The parent's property whose values are the child's key (`Id` for DataZone's `DomainIdentifier`). */
  readonly property: string;
}

const memo = new Map<string, Parent | null>();

export function findParent(type: ResourceType, key: string): Parent | undefined {
  const id = `${type.typeName}\u0000${key}`;
  if (!memo.has(id)) {
    const catalog = defaultCatalog();
    const serviceTypes = catalog.resourcesOf(type.service).map((r) => catalog.byTypeName(r.typeName)!);
    const link = inferParent(type, key, serviceTypes);
    memo.set(id, link ? { type: catalog.byTypeName(link.typeName)!, property: link.property } : null);
  }
  return memo.get(id) ?? undefined;
}

/**
 * The distinct values of `parent.property` in a region, as far as the store has them: whatever is not
 * fetched yet is recorded as a miss, and the statement runs again once it is.
 */
export function parentKeyValues(ctx: BridgeContext, place: Place, parent: Parent): unknown[] {
  return parentKeyReading(ctx, place, parent).values;
}

/**
 * parentKeyValues, and whether they are all of them: false while a listing or a read of the parents
 * is still to be fetched. The reads go through the same store entries as a scan of the parent's table,
 * so a statement that also reads the parents (a join, a check that a parent exists) pays once.
 */
export function parentKeyReading(ctx: BridgeContext, place: Place, parent: Parent): { values: unknown[]; complete: boolean } {
  const { type, property } = parent;
  // List handlers describe items by their primary identifier; any other property needs a GetResource.
  const hydrate = !type.primaryIdentifier.includes(property);
  const values = new Set<unknown>();
  const { region, account } = place;
  const models = parentModels(ctx, place, type);
  let complete = models.complete;
  for (const model of models.values) {
    const loader = listLoader(account.cloud, ctx.signal, type.typeName, region, place.key, model, hydrate, (reading) => ctx.progress.listing(`${type.sqlName} ${region}`, reading));
    const key = listKey(type.typeName, place.key, model);
    const found = ctx.store.lookup<ResourceDescription[]>(key, guarded(ctx, place, loader));
    // A probe (eager-fetch.ts) reads a parent listing still reading as far as it has come.
    const listed = found === MISSING ? ctx.store.arrivingItems<ResourceDescription>(key) : found;
    if (found === MISSING) complete = false;
    if (!listed) continue;
    for (const d of listed) {
      const props = hydrate ? ctx.store.lookup<Properties | null>(getKey(type.typeName, place.key, d.identifier), guarded(ctx, place, getLoader(account.cloud, ctx.signal, type.typeName, region, d.identifier))) : { ...model, ...d.properties };
      if (props === MISSING) complete = false;
      else if (props && props[property] !== undefined && props[property] !== null) values.add(props[property]);
    }
  }
  return { values: [...values], complete };
}

/** The ResourceModels a parent is listed with: none, or one per value of its own parent's key. */
function parentModels(ctx: BridgeContext, place: Place, type: ResourceType): { values: (Properties | undefined)[]; complete: boolean } {
  const [key] = type.listKeys.required;
  if (key === undefined) return { values: [undefined], complete: true };
  const grandparent = findParent(type, key);
  if (!grandparent) return { values: [], complete: true };
  const { values, complete } = parentKeyReading(ctx, place, grandparent);
  return { values: values.map((value) => ({ [key]: value })), complete };
}
