/**
 * The shared counter behind the per-call faults (hang.ts, reset.ts): "the next N calls of these
 * operations". A count, not a rate, so a test knows exactly which call meets the fault.
 */

export class CallFault {
  #remaining = 0;
  #ops: ReadonlySet<string> | undefined;

  /** Arms the fault for the next `count` calls of `ops` (all operations when omitted). */
  arm(count: number, ops?: readonly string[]): void {
    this.#remaining = count;
    this.#ops = ops && ops.length > 0 ? new Set(ops) : undefined;
  }

  /** Whether this call of `op` meets the fault; counts it down if so. */
  take(op: string): boolean {
    if (this.#remaining <= 0 || (this.#ops && !this.#ops.has(op))) return false;
    this.#remaining -= 1;
    return true;
  }
}
