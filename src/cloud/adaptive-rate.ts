/**
 * Learns how fast one account and region may call Cloud Control. AWS publishes no rate: it differs by
 * account, region and the service behind each handler, so a fixed guess is either too slow or
 * throttled. This is ours because it is the product: no package learns a rate from throttling with an
 * injectable clock, and the SDK's own adaptive mode (a CUBIC curve behind one client, real timers)
 * backs off to 70% of the measured rate and is a client per region, not per account and region.
 *
 * The rule, in the spirit of TCP congestion control and the SDK's adaptive retry mode:
 * - until the first throttle there is no rate at all: only the concurrency cap bounds the calls;
 * - the first throttle halves what succeeded over the last second (which still counts the service's
 *   initial burst, so it overstates the refill rate), and the rate then doubles each second (one
 *   more call a second per success) until the next throttle: a fast climb to near the limit;
 * - after that, a throttle sets the rate just under what actually succeeded over the last second
 *   (the service's refill rate while it throttles), and every success raises it a little (about 5%
 *   a second), so the rate probes upwards and follows a limit that rises;
 * - one decrease per episode: throttles of calls sent before the last decrease say nothing new.
 */

import type { Timers } from './timers.js';

export interface AdaptiveRateOptions {
  /** The most the rate may ever be (a user's `--rate`); Infinity when unset. */
  readonly cap: number;
  /** Never below this, so a burst of throttles cannot stall a statement. */
  readonly floor?: number;
}

const WINDOW_MS = 1000;
const BUCKETS = 10;
const FIRST_DECREASE = 0.5;
const DECREASE = 0.9;
const CLIMB_PER_SUCCESS = 1;
const INCREASE_PER_SUCCESS = 0.05;
const DEFAULT_FLOOR = 1;

export class AdaptiveRate {
  readonly #cap: number;
  readonly #floor: number;
  readonly #timers: Timers;
  /** Successes per tenth of the window, as a ring. */
  readonly #counts = new Array<number>(BUCKETS).fill(0);
  #bucketStart: number | undefined;
  #bucket = 0;
  #learned = Infinity;
  #lastDecrease = -Infinity;
  #throttles = 0;
  #decreases = 0;
  #climbing = true;

  constructor(options: AdaptiveRateOptions, timers: Timers) {
    this.#cap = options.cap;
    this.#floor = Math.min(options.floor ?? DEFAULT_FLOOR, options.cap);
    this.#timers = timers;
  }

  /** Calls a second to start at most: Infinity until a throttle has been seen (and no cap is set). */
  get rate(): number {
    return Math.min(this.#cap, this.#learned);
  }

  /** Counts the decreases: a limiter holds its calls back after each, since the service's bucket is empty. */
  get decreases(): number {
    return this.#decreases;
  }

  /** How many throttles this account and region have answered. */
  get throttles(): number {
    return this.#throttles;
  }

  succeeded(): void {
    this.#advance(this.#timers.now());
    this.#counts[this.#bucket]! += 1;
    if (Number.isFinite(this.#learned)) this.#learned = Math.min(this.#cap, this.#learned + (this.#climbing ? CLIMB_PER_SUCCESS : INCREASE_PER_SUCCESS));
  }

  /** A call sent at `sentAt` was throttled (a ThrottlingException, or a handler's ErrorCode Throttling). */
  throttled(sentAt: number): void {
    this.#throttles += 1;
    if (sentAt < this.#lastDecrease) return;
    const now = this.#timers.now();
    const measured = this.#measured(now);
    const first = !Number.isFinite(this.#learned);
    if (!first) this.#climbing = false;
    const base = first ? measured * FIRST_DECREASE : Math.min(this.#learned, measured) * DECREASE;
    this.#learned = Math.min(this.#cap, Math.max(this.#floor, base));
    this.#lastDecrease = now;
    this.#decreases += 1;
  }

  /** Successes over the last second. */
  #measured(now: number): number {
    this.#advance(now);
    return (this.#counts.reduce((a, b) => a + b, 0) * 1000) / WINDOW_MS;
  }

  #advance(now: number): void {
    const width = WINDOW_MS / BUCKETS;
    this.#bucketStart ??= now;
    let steps = Math.floor((now - this.#bucketStart) / width);
    if (steps <= 0) return;
    this.#bucketStart += steps * width;
    steps = Math.min(steps, BUCKETS);
    for (let i = 0; i < steps; i += 1) {
      this.#bucket = (this.#bucket + 1) % BUCKETS;
      this.#counts[this.#bucket] = 0;
    }
  }
}
