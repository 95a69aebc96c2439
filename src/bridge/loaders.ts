/**
 * The fetches a table function can ask for, and the keys they are stored under. A listing of a full
 * table also hydrates every item it lists (one GetResource each, concurrently), so list-then-get costs
 * one statement round, not two.
 */

import type { Cloud, ResourceDescription } from '../cloud/index.js';
import type { FetchStore, Loader } from './store.js';

export type Properties = Record<string, unknown>;

export function getKey(typeName: string, region: string, identifier: string): string {
  return `get\u0000${typeName}\u0000${region}\u0000${identifier}`;
}

export function listKey(typeName: string, region: string, model: Properties | undefined): string {
  return `list\u0000${typeName}\u0000${region}\u0000${model ? stableJson(model) : ''}`;
}

/** GetResource; a resource that does not exist is stored as null (no row, not an error). */
export function getLoader(cloud: Cloud, signal: () => AbortSignal | undefined, typeName: string, region: string, identifier: string): Loader {
  return async () => {
    const found = await cloud.get(typeName, region, identifier, signal());
    return found ? found.properties : null;
  };
}

export function listLoader(
  cloud: Cloud,
  signal: () => AbortSignal | undefined,
  typeName: string,
  region: string,
  model: Properties | undefined,
  hydrate: boolean,
): Loader {
  return async (store: FetchStore) => {
    const listed: ResourceDescription[] = await cloud.list(typeName, region, model, signal());
    if (hydrate) {
      const wanted = listed.filter((d) => !store.has(getKey(typeName, region, d.identifier)));
      await settleAll(
        wanted.map(async (d) => {
          const found = await cloud.get(typeName, region, d.identifier, signal());
          store.put(getKey(typeName, region, d.identifier), found ? found.properties : null);
        }),
      );
    }
    return listed;
  };
}

/** Like Promise.all, but waits for every promise before throwing the first error: no call is orphaned. */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
