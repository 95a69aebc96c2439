/**
 * A join on a table's identifier columns (`JOIN awscc.logs.log_groups l ON l.log_group_name =
 * i.image_name`) gives its scan one identifier per outer row. Each could be one GetResource; when
 * the statement reads only what a listing carries (the identifier itself, a count), one listing of the
 * type answers them all and costs its pages instead of one call per key.
 *
 * The choice is made per scan (type, account and region) once a round has gathered its keys:
 *   - the listing's pages known (an earlier listing of the same place this session): more keys than
 *     pages lists once, fewer reads each key;
 *   - not known: a few keys (under UNKNOWN_LISTING_PAGES) are read one by one; more start a listing
 *     that may take at most half as many pages as there are keys, so a listing that turns out long
 *     gives way to the reads having cost at most half again what they do alone, and is remembered
 *     as at least that long.
 * A complete listing at hand answers every key of a later round: a key it lacks is no row, no call.
 */

import type { Cloud, ResourceDescription } from '../cloud/index.js';
import type { ListingReport } from './progress.js';
import { StatementOnly, type FetchStore, type Loader } from './store.js';

/** Below this many keys of a listing never seen, each key is read: a listing could only cost more. */
export const UNKNOWN_LISTING_PAGES = 4;

const ANSWERABLE: unique symbol = Symbol('answerable by a listing');

export interface ListingStandIn {
  /** The store key of the type's whole listing in the scan's account and region (loaders.ts listKey). */
  readonly listKey: string;
  /** Fetches that listing, stopping after `maxPages` if it is given (no GetResource of its items). */
  listing(maxPages: number | undefined): Loader;
}

type Tagged = Loader & { [ANSWERABLE]?: ListingStandIn };

/** The key under which a statement remembers that it tried the listing (and whether it ended). */
export function attemptKey(listKey: string): string {
  return `${listKey}\u0000stand-in`;
}

/** Whether a listing could stand in for this loader (a probe leaves it to the round's end: eager-fetch.ts). */
export function isAnswerable(loader: Loader): boolean {
  return (loader as Tagged)[ANSWERABLE] !== undefined;
}

/** Marks a GetResource loader as one a listing could stand in for. */
export function answerableByListing(read: Loader, standIn: ListingStandIn): Loader {
  return Object.assign((store: FetchStore) => read(store), { [ANSWERABLE]: standIn });
}

/**
 * The misses of a round, with each group of point reads that one listing answers more cheaply
 * replaced by that listing; the next round finds the listing and answers from it, or, where the
 * listing gave up, reads the keys.
 */
export function batchPointReads(misses: Map<string, Loader>, store: FetchStore): Map<string, Loader> {
  const groups = new Map<string, { standIn: ListingStandIn; keys: string[] }>();
  for (const [key, loader] of misses) {
    const standIn = (loader as Tagged)[ANSWERABLE];
    if (!standIn) continue;
    const group = groups.get(standIn.listKey) ?? { standIn, keys: [] };
    group.keys.push(key);
    groups.set(standIn.listKey, group);
  }
  for (const [listKey, { standIn, keys }] of groups) {
    const known = store.pagesOf(listKey);
    const cap = Math.floor(keys.length / 2);
    // A listing read to its end is weighed by its pages; one that gave way once, by the pages it
    // was seen to have at least.
    const list = known?.ended ? keys.length > known.pages : keys.length >= UNKNOWN_LISTING_PAGES && cap > (known?.pages ?? 0);
    if (!list) continue;
    for (const key of keys) misses.delete(key);
    misses.set(attemptKey(listKey), standIn.listing(known?.ended ? undefined : cap));
  }
  return misses;
}

/**
 * A listing of every item of a type in one place, read to its end or `maxPages`. An ended listing is
 * stored under `listKey`, as a scan's listing would be; the attempt itself is kept for the statement.
 */
export function standInLoader(cloud: Cloud, signal: () => AbortSignal | undefined, typeName: string, region: string, listKey: string, maxPages: number | undefined, report: () => ListingReport): Loader {
  return async (store) => {
    const items: ResourceDescription[] = [];
    let pages = 0;
    const progress = report();
    const cursor = await cloud.listFrom(typeName, region, undefined, {
      signal: signal(),
      enough: () => maxPages !== undefined && pages >= maxPages,
      onPage: (page) => {
        pages += 1;
        progress.page(page.length);
        items.push(...page);
      },
    });
    if (cursor) {
      store.notePages(listKey, pages + 1, false);
      return new StatementOnly({ ended: false });
    }
    progress.done();
    store.notePages(listKey, pages);
    store.put(listKey, items);
    return new StatementOnly({ ended: true });
  };
}

/** The listed item with this identifier, from a complete listing (an index built once per listing). */
export function listedItem(store: FetchStore, listKey: string, identifier: string): ResourceDescription | undefined {
  const index = store.memo(listKey, 'by identifier', () => new Map((store.peek<ResourceDescription[]>(listKey) ?? []).map((d) => [d.identifier, d])));
  return index.get(identifier);
}
