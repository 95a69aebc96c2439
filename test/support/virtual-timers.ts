/**
 * Injected timers on a virtual clock: nothing sleeps. `drive(promise)` lets pending promise work run
 * (a real setImmediate turn), then fires the earliest timer, moving the clock to its due time, until
 * the promise settles. Every delay asked for is recorded, so tests assert how long code would wait.
 * `ready`, when given, holds the clock while it answers false: a test whose timers include a time
 * limit on calls in flight over real HTTP moves time only once every call in flight is one the
 * endpoint holds (a hung call), so no answer on its way is overtaken by a timeout.
 */
import type { Timers } from '../../src/cloud/timers.js';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

export class VirtualTimers implements Timers {
  readonly delays: number[] = [];
  #now: number;
  #seq = 0;
  #queue: Pending[] = [];

  constructor(start = Date.parse('2026-08-07T00:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const pending = { at: this.#now + Math.max(0, ms), seq: (this.#seq += 1), callback };
    this.delays.push(ms);
    this.#queue.push(pending);
    return pending;
  }

  clearTimeout(handle: unknown): void {
    this.#queue = this.#queue.filter((p) => p !== handle);
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Moves the clock `ms` forward, firing in order every timer due by then. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#queue[0];
      if (!next || next.at > until) break;
      this.#queue.shift();
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = until;
  }

  async drive<T>(work: Promise<T>, ready: () => boolean = () => true): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled || this.#queue.length === 0 || !ready()) continue;
      this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#queue.shift()!;
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    return watched;
  }
}
