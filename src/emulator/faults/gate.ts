/**
 * A gate (`gate(ops)`): calls of the named operations are done by the service, then held unanswered
 * until the test opens the gate: a latency the test controls, where `latencyMs` is one the machine's
 * load stretches or shrinks. A test shows that a client keeps N calls in flight at once by waiting
 * until N are held (`reached(n)`), which a client sending one call at a time never lets happen, and
 * then opening the gate. In-process only: the test that holds the calls is the one that lets them go.
 */

export type GateMatch = (body: Record<string, unknown>) => boolean;

export class Gate {
  readonly #ops: ReadonlySet<string>;
  readonly #match: GateMatch;
  #open = false;
  #held: (() => void)[] = [];
  #watchers: { count: number; resolve: () => void }[] = [];

  constructor(ops: readonly string[], match: GateMatch = () => true) {
    this.#ops = new Set(ops);
    this.#match = match;
  }

  /** Whether a call of `op` with `body` waits at this gate now. */
  holds(op: string, body: Record<string, unknown>): boolean {
    return !this.#open && this.#ops.has(op) && this.#match(body);
  }

  /** Holds a call until the gate opens. */
  wait(): Promise<void> {
    const released = new Promise<void>((resolve) => this.#held.push(resolve));
    const due = this.#watchers.filter((w) => this.#held.length >= w.count);
    this.#watchers = this.#watchers.filter((w) => !due.includes(w));
    for (const watcher of due) watcher.resolve();
    return released;
  }

  /** Calls held right now. */
  get waiting(): number {
    return this.#held.length;
  }

  /** Resolves once `count` calls are held together. */
  reached(count: number): Promise<void> {
    if (this.#held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#watchers.push({ count, resolve }));
  }

  /** Answers every held call and lets every later one through. */
  open(): void {
    this.#open = true;
    for (const release of this.#held.splice(0)) release();
  }
}
