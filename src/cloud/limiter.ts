/**
 * Bounds what ccsql asks of Cloud Control per account and region: at most `concurrency` calls in
 * flight (fewer during the slow start of an account and region not heard from yet), and calls started
 * no faster than the rate learned from the service's throttling (adaptive-rate.ts) or a user's
 * `--rate` cap, whichever is lower.
 *
 * Calls wait their turn in order, but a call may ask to go first (`ahead`): the next page of a
 * listing must not queue behind the GetResources its earlier pages started, or the listing ends only
 * when nearly every read has begun, and its total (which only its last page tells) comes too late to
 * be of use.
 *
 * Ours rather than a package: p-limit bounds concurrency but not rate, p-throttle and bottleneck
 * bound a fixed rate on the real clock; ccsql needs both bounds per region with a rate that moves,
 * on injected timers (tests run on a virtual clock), O(1) per call with a hundred thousand queued,
 * and a wait that a cancelled statement leaves through its AbortSignal.
 */

import { AdaptiveRate } from './adaptive-rate.js';
import type { Timers } from './timers.js';

export interface LimiterOptions {
  readonly concurrency: number;
  /** The most calls started per second: a cap; Infinity leaves the rate to what throttling teaches. */
  readonly ratePerSecond: number;
  /** Calls that may start at once after a quiet spell; defaults to the rate, within the concurrency. */
  readonly burst?: number;
}

interface Waiter {
  readonly grant: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  settled: boolean;
}

export class Limiter {
  readonly rate: AdaptiveRate;
  readonly #options: LimiterOptions;
  readonly #timers: Timers;
  /** Calls that asked to go first, then the rest, each in the order they came. */
  readonly #first = new WaiterQueue();
  readonly #queue = new WaiterQueue();
  #inFlight = 0;
  #tokens: number;
  #lastRefill: number;
  #seenDecreases = 0;
  #refillTimer: unknown;
  /** One abort listener per signal, not per waiter: EventTarget walks its listeners on every add. */
  readonly #bySignal = new WeakMap<AbortSignal, Set<Waiter>>();

  constructor(options: LimiterOptions, timers: Timers) {
    this.#options = options;
    this.#timers = timers;
    this.rate = new AdaptiveRate({ cap: options.ratePerSecond }, timers);
    this.#tokens = this.#capacity();
    this.#lastRefill = timers.now();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Calls waiting for their turn. */
  get queued(): number {
    return this.#first.length + this.#queue.length;
  }

  /**
   * Runs `task` when its turn comes, or before every call waiting in order when `ahead`; `task`
   * learns when it was sent (to report a throttle of it).
   */
  async run<T>(task: (sentAt: number) => Promise<T>, signal?: AbortSignal, ahead = false): Promise<T> {
    await this.#acquire(signal, ahead);
    const sentAt = this.#timers.now();
    try {
      return await task(sentAt);
    } finally {
      this.#inFlight -= 1;
      this.#drain();
    }
  }

  #acquire(signal: AbortSignal | undefined, ahead: boolean): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, reject, signal, settled: false };
      if (signal) this.#watch(signal).add(waiter);
      (ahead ? this.#first : this.#queue).push(waiter);
      this.#drain();
    });
  }

  #watch(signal: AbortSignal): Set<Waiter> {
    let waiters = this.#bySignal.get(signal);
    if (!waiters) {
      const set = (waiters = new Set());
      this.#bySignal.set(signal, set);
      signal.addEventListener('abort', () => {
        for (const w of set) if (!w.settled) (w.settled = true), w.reject(signal.reason);
        set.clear();
        this.#drain();
      }, { once: true });
    }
    return waiters;
  }

  #capacity(): number {
    const rate = this.rate.rate;
    const burst = this.#options.burst ?? (Number.isFinite(rate) ? rate : this.#options.concurrency);
    return Math.max(1, Math.min(burst, this.#options.concurrency));
  }

  #refill(): void {
    const now = this.#timers.now();
    if (this.rate.decreases !== this.#seenDecreases) {
      // Just throttled: the service's bucket is empty, so the calls wait for fresh tokens.
      this.#seenDecreases = this.rate.decreases;
      this.#tokens = 0;
    } else {
      const rate = this.rate.rate;
      const gained = Number.isFinite(rate) ? ((now - this.#lastRefill) * rate) / 1000 : Infinity;
      this.#tokens = Math.min(this.#capacity(), this.#tokens + gained);
    }
    this.#lastRefill = now;
  }

  /** Calls that may be in flight: the concurrency, within the slow start's window while no rate is learned. */
  #room(): number {
    return Math.min(this.#options.concurrency, this.rate.window);
  }

  #next(): Waiter | undefined {
    return this.#first.peek() ?? this.#queue.peek();
  }

  #drain(): void {
    this.#refill();
    let waiter = this.#next();
    while (waiter && this.#inFlight < this.#room() && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#inFlight += 1;
      waiter.settled = true;
      if (waiter.signal) this.#bySignal.get(waiter.signal)?.delete(waiter);
      waiter.grant();
      waiter = this.#next();
    }
    if (waiter && this.#inFlight < this.#room() && this.#refillTimer === undefined) {
      // Out of tokens: wake up when the next one is due rather than polling.
      const wait = Math.ceil(((1 - this.#tokens) * 1000) / this.rate.rate);
      this.#refillTimer = this.#timers.setTimeout(() => {
        this.#refillTimer = undefined;
        this.#drain();
      }, Math.max(1, wait));
    }
  }
}

/** Waiters in arrival order, with a moving head: shift() would make a long queue quadratic. */
class WaiterQueue {
  #items: Waiter[] = [];
  #head = 0;

  /** Waiters not yet passed by (a few of them may have settled: granted or cancelled). */
  get length(): number {
    return this.#items.length - this.#head;
  }

  push(waiter: Waiter): void {
    this.#items.push(waiter);
  }

  /** The first waiter still waiting. */
  peek(): Waiter | undefined {
    while (this.#head < this.#items.length && this.#items[this.#head]!.settled) this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return this.#items[this.#head];
  }
}
