/**
 * Bounds what ccsql asks of Cloud Control per region: at most `concurrency` calls in flight and at most
 * `ratePerSecond` calls started per second (a token bucket). Cloud Control throttles near 30/s per
 * account and region, so the defaults stay well under that.
 *
 * Ours rather than a package: p-limit bounds concurrency but not rate, p-throttle and bottleneck
 * bound rate on the real clock; ccsql needs both bounds per region, on injected timers (tests run on
 * a virtual clock), with a wait that a cancelled statement leaves through its AbortSignal.
 */

import type { Timers } from './timers.js';

export interface LimiterOptions {
  readonly concurrency: number;
  readonly ratePerSecond: number;
  /** Tokens available at once; defaults to the concurrency bound. */
  readonly burst?: number;
}

export class Limiter {
  readonly #options: LimiterOptions;
  readonly #timers: Timers;
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;
  #tokens: number;
  #lastRefill: number;
  #refillTimer: unknown;

  constructor(options: LimiterOptions, timers: Timers) {
    this.#options = options;
    this.#timers = timers;
    this.#tokens = options.burst ?? options.concurrency;
    this.#lastRefill = timers.now();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await task();
    } finally {
      this.#inFlight -= 1;
      this.#drain();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
      this.#drain();
    });
  }

  #refill(): void {
    const now = this.#timers.now();
    const capacity = this.#options.burst ?? this.#options.concurrency;
    this.#tokens = Math.min(capacity, this.#tokens + ((now - this.#lastRefill) * this.#options.ratePerSecond) / 1000);
    this.#lastRefill = now;
  }

  #drain(): void {
    this.#refill();
    while (this.#waiting.length > 0 && this.#inFlight < this.#options.concurrency && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#inFlight += 1;
      this.#waiting.shift()!();
    }
    if (this.#waiting.length > 0 && this.#inFlight < this.#options.concurrency && this.#refillTimer === undefined) {
      // Out of tokens: wake up when the next one is due rather than polling.
      const wait = Math.ceil(((1 - this.#tokens) * 1000) / this.#options.ratePerSecond);
      this.#refillTimer = this.#timers.setTimeout(() => {
        this.#refillTimer = undefined;
        this.#drain();
      }, Math.max(1, wait));
    }
  }
}
