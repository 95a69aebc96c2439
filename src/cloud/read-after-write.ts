/**
 * Read after write. Cloud Control's reads lag its writes: a resource this database just created can
 * answer ResourceNotFoundException for a while (the service's own eventual consistency). So a
 * GetResource of a resource created or changed through this cloud within the last minute retries a
 * not-found, with backoff, for up to 30 seconds before the read answers "no row". Any other not-found
 * is answered at once: a point lookup of a missing resource is no row.
 */

import { sleep, type Timers } from './timers.js';
import type { ProgressEvent } from './types.js';

/** How long after a write a not-found is doubted. */
export const RECENT_WRITE_MS = 60_000;
/** How long a doubted not-found is retried. */
export const READ_AFTER_WRITE_MS = 30_000;
const FIRST_WAIT_MS = 250;
const MAX_WAIT_MS = 4_000;

export class RecentWrites {
  readonly #timers: Timers;
  readonly #at = new Map<string, number>();

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  /** Remembers what a successful create or update wrote; a delete forgets it. */
  note(region: string, event: ProgressEvent): void {
    if (event.OperationStatus !== 'SUCCESS' || !event.TypeName || !event.Identifier) return;
    const key = keyOf(event.TypeName, region, event.Identifier);
    if (event.Operation === 'DELETE') this.#at.delete(key);
    else this.#at.set(key, this.#timers.now());
  }

  isRecent(typeName: string, region: string, identifier: string): boolean {
    const at = this.#at.get(keyOf(typeName, region, identifier));
    if (at === undefined) return false;
    if (this.#timers.now() - at <= RECENT_WRITE_MS) return true;
    this.#at.delete(keyOf(typeName, region, identifier));
    return false;
  }

  /**
   * Runs `read` (undefined means not found) again while it finds nothing, for up to 30 s after the
   * first try, if the resource was written recently.
   */
  async read<T>(typeName: string, region: string, identifier: string, read: () => Promise<T | undefined>, signal?: AbortSignal): Promise<T | undefined> {
    const first = await read();
    if (first !== undefined || !this.isRecent(typeName, region, identifier)) return first;
    const until = this.#timers.now() + READ_AFTER_WRITE_MS;
    for (let wait = FIRST_WAIT_MS; this.#timers.now() < until; wait = Math.min(MAX_WAIT_MS, wait * 2)) {
      await sleep(this.#timers, Math.min(wait, until - this.#timers.now()), signal);
      const found = await read();
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

function keyOf(typeName: string, region: string, identifier: string): string {
  return `${typeName}\u0000${region}\u0000${identifier}`;
}
