/**
 * The fetches a table function can ask for, and the keys they are stored under. A listing of a full
 * table also hydrates every item it lists (one GetResource each, concurrently), so list-then-get costs
 * one statement round, not two; the reads of a page start as soon as that page arrives, so the wall
 * time is bound by the rate the account allows, not by all pages and then all reads.
 */

import type { Cloud, ResourceDescription } from '../cloud/index.js';
import type { ListingReport } from './progress.js';
import type { FetchStore, Loader } from './store.js';

export type Properties = Record<string, unknown>;

/** `where` is the account and region (account-scope.ts `Place.key`), or a region for the generic tables. */
export function getKey(typeName: string, where: string, identifier: string): string {
  return `get\u0000${typeName}\u0000${where}\u0000${identifier}`;
}

export function listKey(typeName: string, where: string, model: Properties | undefined): string {
  return `list\u0000${typeName}\u0000${where}\u0000${model ? stableJson(model) : ''}`;
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
  where: string,
  model: Properties | undefined,
  hydrate: boolean,
  report?: (reading: boolean) => ListingReport,
  /** Which listed items to read (a filter the statement puts on identifiers, prefilter.ts): all by default. */
  wanted: (d: ResourceDescription) => boolean = () => true,
): Loader {
  return async (store: FetchStore) => {
    const reads: Promise<void>[] = [];
    const progress = report?.(hydrate);
    let pages = 0;
    const onPage = (page: readonly ResourceDescription[]): void => {
      pages += 1;
      progress?.page(page.length);
      if (!hydrate) return;
      for (const d of page) {
        if (!wanted(d)) continue;
        const key = getKey(typeName, where, d.identifier);
        if (store.has(key)) continue;
        reads.push(
          cloud.get(typeName, region, d.identifier, signal()).then((found) => {
            store.put(key, found ? found.properties : null);
            progress?.read();
          }),
        );
      }
    };
    let listed: ResourceDescription[];
    try {
      listed = await cloud.list(typeName, region, model, signal(), onPage);
      progress?.done();
      store.notePages(listKey(typeName, where, model), pages);
    } finally {
      // No read is orphaned: a failed listing still waits for the reads it started.
      await Promise.allSettled(reads);
    }
    await settleAll(reads);
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
