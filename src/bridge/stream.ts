/**
 * db.iterate over a listing of 100,000 identifiers should give its first rows as the first pages
 * arrive and hold a few pages, not the listing. When SQLite's plan says every row the statement
 * returns comes from one row of one resource table's scan (plan-shape.ts) and that scan needs nothing
 * but the listing, the statement's rounds settle everything else (accounts, their ids) while the
 * window only notes the listings (listing-window.ts); then each listing is read page by page, all
 * of them side by side (listing-pump.ts), and the statement runs once per window of arrived pages,
 * its rows yielded before the window is dropped. The passes together give the rows one pass over the
 * whole listing would, each listing's in its own order, with the same ListResources calls.
 *
 * Everything else (a sort, an aggregate, a LIMIT, a join of two resource tables, GetResource, a
 * listing per parent, a cache that keeps listings) runs its rounds to the end and streams the last pass.
 */

import type { Statement } from 'better-sqlite3';
import type { TableTarget } from './bindings.js';
import { explainCloudError } from './cloud-messages.js';
import type { ColumnUse } from './column-use.js';
import type { BridgeContext, WindowedListing } from './context.js';
import { hasHomeRegion } from './global-types.js';
import { layoutOf } from './layout.js';
import { ListingPump } from './listing-pump.js';
import type { StreamWindow } from './listing-window.js';
import { readsBeyond } from './scan-keys.js';

/** Whether the statement may stream its one listing, as its plan (`use`) and its table say. */
export function streamsListing(ctx: BridgeContext, use: ColumnUse | undefined, targetOf: (name: string) => TableTarget | undefined): boolean {
  // A cache that keeps listings for later statements needs the listing whole.
  if (!use?.perRow || ctx.store.ttlMs > 0) return false;
  const target = targetOf(use.perRow);
  if (target?.kind !== 'resource') return false;
  const { type, variant } = target;
  // A child listed per parent, or a bucket whose region only its model tells, takes more than the listing.
  if (!type.handlers.list || type.listKeys.required.length > 0 || hasHomeRegion(type.typeName)) return false;
  if (variant === 'list_only') return true;
  return variant === 'full' && !readsBeyond(type, layoutOf(type, variant), use.columns.get(use.perRow));
}

/** The statement's rows, one pass per window of pages arrived; reading stops when the loop does. */
export async function* streamPasses(ctx: BridgeContext, window: StreamWindow, statement: Statement, params: unknown[], listings: readonly WindowedListing[]): AsyncGenerator<unknown> {
  let wake: () => void = () => {};
  const pumps = listings.map((listing) => new ListingPump(ctx, listing, () => wake()));
  const running = pumps.map((pump) => pump.run());
  try {
    for (;;) {
      while (!pumps.some((p) => p.ready || p.error !== undefined) && !pumps.every((p) => p.done)) await new Promise<void>((resolve) => (wake = resolve));
      // The next pages' requests go out before this pass's rows are made, so the two overlap.
      await new Promise<void>((resolve) => setImmediate(resolve));
      ctx.signal()?.throwIfAborted();
      const failed = pumps.find((p) => p.error !== undefined);
      if (failed) throw explainCloudError(failed.error, ctx.catalog);
      const taken = pumps.filter((p) => p.ready).map((pump) => ({ pump, ...pump.take() }));
      if (taken.length === 0) return;
      window.show(new Map(taken.map((t) => [t.pump.listing.key, t.items])));
      try {
        for (const row of statement.iterate(...params)) yield row;
      } finally {
        window.show(new Map());
      }
      for (const t of taken) t.pump.release(t.pages);
    }
  } finally {
    // A break or an error: no page is asked for after this, and none is left unanswered.
    for (const pump of pumps) pump.stop();
    await Promise.all(running);
  }
}
