/**
 * One listing of a streamed statement, read page by page (stream.ts): a page is asked for only while
 * fewer than AHEAD pages wait to be scanned, so a consumer slower than the pages holds the listing a
 * few pages ahead rather than whole, and one that stops (a break) leaves at most that many asked for.
 * The calls are those a whole listing makes: the same type, model and NextTokens, one after another,
 * with a token answered twice still caught (the cursor carries every token seen).
 */

import type { ListCursor, ResourceDescription } from '../cloud/index.js';
import { guarded, SKIPPED } from './account-scope.js';
import type { BridgeContext, WindowedListing } from './context.js';

/** Pages a listing reads ahead of the rows the consumer has taken. */
export const AHEAD = 4;

export class ListingPump {
  readonly listing: WindowedListing;
  readonly #ctx: BridgeContext;
  readonly #wake: () => void;
  #pages: ResourceDescription[][] = [];
  /** Pages arrived and not yet released by a finished pass. */
  #held = 0;
  #room: (() => void) | undefined;
  #stopped = false;
  done = false;
  error: unknown;

  constructor(ctx: BridgeContext, listing: WindowedListing, wake: () => void) {
    this.#ctx = ctx;
    this.listing = listing;
    this.#wake = wake;
  }

  get ready(): boolean {
    return this.#pages.length > 0;
  }

  /** The pages arrived since the last take, as one list of items, and how many pages they were. */
  take(): { items: ResourceDescription[]; pages: number } {
    const pages = this.#pages;
    this.#pages = [];
    return { items: pages.flat(), pages: pages.length };
  }

  /** A pass has given the rows of `pages` pages: as many more may be asked for. */
  release(pages: number): void {
    this.#held -= pages;
    this.#letIn();
  }

  stop(): void {
    this.#stopped = true;
    this.#letIn();
  }

  async run(): Promise<void> {
    const { ctx, listing } = { ctx: this.#ctx, listing: this.listing };
    const { place, typeName, model } = listing;
    const progress = ctx.progress.listing(listing.label, false);
    let from: ListCursor | undefined;
    try {
      do {
        while (this.#held >= AHEAD && !this.#stopped) await new Promise<void>((resolve) => (this.#room = resolve));
        if (this.#stopped) return;
        const page: ResourceDescription[] = [];
        // One page a call: `enough` is asked once a page with a NextToken has arrived.
        const read = async () => ({ cursor: await place.account.cloud.listFrom(typeName, place.region, model, { from, enough: () => true, signal: ctx.signal(), onPage: (items) => page.push(...items) }) });
        const answer = (await guarded(ctx, place, read)(ctx.store)) as { cursor: ListCursor | undefined } | typeof SKIPPED;
        // A failed account of several: its place is passed by, and said once when the statement ends.
        if (answer === SKIPPED) return;
        from = answer.cursor;
        progress.page(page.length);
        this.#pages.push(page);
        this.#held += 1;
        this.#wake();
      } while (from);
      progress.done();
    } catch (error) {
      this.error = error;
    } finally {
      this.done = true;
      this.#wake();
    }
  }

  #letIn(): void {
    const room = this.#room;
    this.#room = undefined;
    room?.();
  }
}
