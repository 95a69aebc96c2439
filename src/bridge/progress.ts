/**
 * How far the reads of the statement in progress have come, listing by listing: what a progress line
 * shows (`logs.log_groups us-east-1: 1,240/5,000, 230/s, 16 s left`). Cloud Control's listings carry
 * no total, so the total is known only when the last page has arrived; until then it is a floor.
 */

export interface ListingProgress {
  /** `table region`, as a person reads it. */
  readonly label: string;
  /** Resources listed so far. */
  readonly listed: number;
  /** True once the last page has arrived: `listed` is then the total. */
  readonly complete: boolean;
  /** Resources read (GetResource) so far; 0 for a listing that reads none. */
  readonly read: number;
  /** Whether the listing's resources are being read (the count to show is `read`, else `listed`). */
  readonly reading: boolean;
  /** When the listing started (performance.now()). */
  readonly startedAt: number;
}

/** What a listing loader tells the progress as it goes. */
export interface ListingReport {
  page(count: number): void;
  read(): void;
  done(): void;
}

export class ReadProgress {
  #listings: ListingProgress[] = [];
  readonly #regions = new Set<string>();

  /** Starts a statement: earlier listings are forgotten. */
  clear(): void {
    this.#listings = [];
    this.#regions.clear();
  }

  /** A scan of the statement reads `region` (of any account). */
  region(region: string): void {
    this.#regions.add(region);
  }

  /** How many regions the statement has read. */
  get regions(): number {
    return this.#regions.size;
  }

  listing(label: string, reading: boolean): ListingReport {
    const entry = { label, listed: 0, complete: false, read: 0, reading, startedAt: performance.now() };
    this.#listings.push(entry);
    return {
      page: (count) => void (entry.listed += count),
      read: () => void (entry.read += 1),
      done: () => void (entry.complete = true),
    };
  }

  /** The listings of the statement in progress, in the order they started. */
  snapshot(): readonly ListingProgress[] {
    return this.#listings.map((l) => ({ ...l }));
  }
}
