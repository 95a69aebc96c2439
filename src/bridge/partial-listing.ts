/**
 * What a scan lists, in full or only as far as a LIMIT needs. A statement whose LIMIT nothing sorts
 * or aggregates first (column-use.ts `limited`) lists page by page: its first round asks for pages
 * until it has a round's budget of identifiers, and a scan that runs past the last of them asks for
 * the listing to go on from its NextToken (not from the start) in the next round. The pages come in
 * the listing's own order, so the rows SQLite takes before its LIMIT are those a full listing gives.
 *
 * The part read so far is stored under its own key, beside the full listing's, and only for the
 * statement that read it (StatementOnly): nothing that reads a listing, remembers a complete scan or
 * keeps entries for the cache TTL ever takes it for the whole listing. Once its last page arrives the
 * whole listing is stored under the full listing's key as well, as a full listing would be.
 */

import type { Cloud, ListCursor, ResourceDescription } from '../cloud/index.js';
import { guarded, type Place } from './account-scope.js';
import type { BridgeContext } from './context.js';
import { listLoader, type Properties } from './loaders.js';
import type { ListingReport } from './progress.js';
import { MISSING, StatementOnly, type Loader, type Missing } from './store.js';

export interface Listed {
  readonly items: readonly ResourceDescription[];
  /** Records that the scan needs the listing past `items`; absent once the listing is complete. */
  readonly more?: () => void;
}

interface PartialListing {
  readonly items: readonly ResourceDescription[];
  /** Where the listing goes on; undefined once its last page has arrived. */
  readonly cursor: ListCursor | undefined;
}

export interface ListingRequest {
  readonly typeName: string;
  readonly model: Properties | undefined;
  /** The full listing's store key (loaders.ts listKey). */
  readonly key: string;
  /** Whether a full listing starts a GetResource per item as its page arrives. */
  readonly hydrate: boolean;
  /** Identifiers a partial listing reads ahead per round; undefined lists in full. */
  readonly budget: number | undefined;
  readonly label: string;
  /** Which listed items a full listing reads as their page arrives (prefilter.ts). */
  readonly reads?: (d: ResourceDescription) => boolean;
}

export function partialKey(listKey: string): string {
  return `${listKey}\u0000partial`;
}

/** The listing as far as the store has it, or MISSING after recording what fetches it. */
export function listingOf(ctx: BridgeContext, place: Place, request: ListingRequest): Listed | Missing {
  const { typeName, model, key, hydrate, budget, label, reads } = request;
  const { account, region } = place;
  const report = (reading: boolean) => ctx.progress.listing(label, reading);
  // A complete listing at hand (fetched earlier, or cached) serves a LIMIT as well as any scan.
  if (budget === undefined || ctx.store.has(key)) {
    const loader = listLoader(account.cloud, ctx.signal, typeName, region, place.key, model, hydrate && budget === undefined, report, reads);
    const items = ctx.store.lookup<ResourceDescription[]>(key, guarded(ctx, place, loader));
    // A probe sees a listing that is still reading as far as its pages have come, as one with more to come.
    const arriving = items === MISSING ? ctx.store.arrivingItems<ResourceDescription>(key) : undefined;
    if (arriving) return { items: [...arriving], more: () => undefined };
    return items === MISSING ? MISSING : { items };
  }
  const partial = partialKey(key);
  const read = (from: PartialListing | undefined): Loader => guarded(ctx, place, partialLoader(account.cloud, ctx.signal, place, request, from, report));
  const found = ctx.store.lookup<PartialListing>(partial, read(undefined));
  if (found === MISSING) return MISSING;
  if (!found.cursor) return { items: found.items };
  return { items: found.items, more: () => ctx.store.refetch(partial, read(found)) };
}

/** Reads pages from where `from` stopped (or the start) until `budget` more identifiers are in. */
function partialLoader(cloud: Cloud, signal: () => AbortSignal | undefined, place: Place, request: ListingRequest, from: PartialListing | undefined, report: (reading: boolean) => ListingReport): Loader {
  const { typeName, model, key, budget = 0 } = request;
  return async (store) => {
    const items = [...(from?.items ?? [])];
    const target = items.length + budget;
    const progress = report(false);
    progress.page(items.length);
    const cursor = await cloud.listFrom(typeName, place.region, model, {
      from: from?.cursor,
      enough: () => items.length >= target,
      signal: signal(),
      onPage: (page) => {
        progress.page(page.length);
        items.push(...page);
      },
    });
    if (!cursor) {
      progress.done();
      store.put(key, items);
    }
    return new StatementOnly({ items, cursor } satisfies PartialListing);
  };
}
