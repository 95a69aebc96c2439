/**
 * The window a streamed statement's scan reads (stream.ts). While the statement's rounds settle what
 * the scan needs besides its listing (an account's id, the organisation's accounts), the window only
 * notes which listings the scan would read and hands it no items, so the rounds fetch no listing.
 * Then each pass hands the scan the items of the pages that arrived since the last pass, so every
 * listed item is scanned once and the listing is never held whole.
 *
 * A listing sent with a model (a list key the query gives) stays on the usual path: an empty answer
 * there may mean a missing parent (parent-check.ts), which takes rounds of its own. The window then
 * steps aside for the whole statement, so its later rounds read every listing as any statement would.
 */

import type { ResourceDescription } from '../cloud/index.js';
import type { ListingWindow, WindowedListing } from './context.js';

type Mode = 'discover' | 'serve' | 'off';

export class StreamWindow implements ListingWindow {
  #mode: Mode = 'discover';
  readonly #listings = new Map<string, WindowedListing>();
  #items: ReadonlyMap<string, readonly ResourceDescription[]> = new Map();

  items(listing: WindowedListing): readonly ResourceDescription[] | undefined {
    if (this.#mode === 'off') return undefined;
    if (this.#mode === 'serve') return this.#items.get(listing.key) ?? [];
    if (listing.model) {
      this.#mode = 'off';
      return undefined;
    }
    this.#listings.set(listing.key, listing);
    return [];
  }

  /**
   * Ends the rounds: the listings to stream, in the order the scan first read them, or none when the
   * statement runs its usual last pass instead (the window stepped aside, or the scan lists nothing).
   */
  settle(): readonly WindowedListing[] {
    const streamed = this.#mode === 'discover' ? [...this.#listings.values()] : [];
    this.#mode = streamed.length > 0 ? 'serve' : 'off';
    return streamed;
  }

  /** The items each listing shows the next pass, by its key; empty between passes. */
  show(items: ReadonlyMap<string, readonly ResourceDescription[]>): void {
    this.#items = items;
  }
}
