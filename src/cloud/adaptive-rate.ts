/**
 * Learns how fast one account and region may call Cloud Control. AWS publishes no rate: it differs by
 * account, region and the service behind each handler, so a fixed guess is either too slow or
 * throttled. This is ours because it is the product: no package learns a rate from throttling with an
 * injectable clock, and the SDK's own adaptive mode (a CUBIC curve behind one client, real timers)
 * backs off to 70% of the measured rate and is a client per region, not per account and region.
 *
 * The rule, in the spirit of TCP congestion control and the SDK's adaptive retry mode:
 * - a fresh account and region starts slow: 16 calls in flight, and each success lets half a call
 *   more in (the window grows by half each round trip), so when the service's first burst runs out
 *   the calls then in flight, all lost to the throttle, are a few, not the whole concurrency;
 * - until the first throttle there is no rate: the window (then the concurrency cap) bounds the calls;
 * - the first throttle sets the rate to 70% of what succeeded over the last second (which still
 *   counts the service's initial burst, so it overstates the refill rate; at least 20 a second, so
 *   that the trial below is quick), and the rate then doubles each second (one more call a second
 *   per success) until the next throttle: a fast climb;
 * - after that, a throttle sets the rate just under what actually succeeded over the last second
 *   (the service's refill rate while it throttles), and every success raises it a little (about 5%
 *   a second), so the rate probes upwards and follows a limit that rises;
 * - one decrease per episode: throttles of calls sent before the last decrease say nothing new;
 * - every decrease is a trial, the rate held still until ten calls sent after it have answered (or
 *   four, after a second). Throttling that comes from the rate eases when the rate falls: the calls
 *   sent after the decrease are throttled no more than the noise (below) explains, none without it.
 *   When they are, the cut may just have fallen short, so a second, deeper one (70%) is tried; when
 *   that does not ease it either, the throttling is noise (a handler's downstream service throttling
 *   at random, whatever ccsql's rate): both cuts are taken back, and the share of throttles is
 *   remembered and followed from then on, so only a share well above it starts the next decrease.
 *   Otherwise each random throttle would cut the rate, and 30% random throttling drove it to the
 *   floor of 1 call a second.
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
const FIRST_DECREASE = 0.7;
const DECREASE = 0.9;
const CLIMB_PER_SUCCESS = 1;
const INCREASE_PER_SUCCESS = 0.05;
const DEFAULT_FLOOR = 1;
/** Calls in flight to an account and region that has answered nothing yet. */
export const INITIAL_WINDOW = 16;
/** Calls the slow start lets in per success: the window grows by half each round trip. */
const WINDOW_PER_SUCCESS = 0.5;
/** Calls sent after a decrease, answered, before the trial is judged. */
const TRIAL_CALLS = 10;
/** …or, at a rate too low to send that many soon, this long with a few of them answered. */
const TRIAL_MS = 1000;
const TRIAL_MIN_CALLS = 4;
/** The least a first cut leaves: enough for a trial's calls within half a second. */
const FIRST_FLOOR = 2 * TRIAL_CALLS;
/**
 * With noise known, a decrease needs a share of throttles over the last second this many standard
 * deviations above it, over at least NOISE_SAMPLE answers: noise alone seldom goes that far, and a
 * cut it did cause would stand (the calls after it are throttled only as the noise explains).
 */
const ABOVE_NOISE = 4;
/** A trial eased the throttling when the share after the decrease is within a deviation of the noise (none, without noise). */
const WITHIN_NOISE = 1;
const NOISE_SAMPLE = 40;
/**
 * The most throttling taken for noise: above it every throttle episode is a rate's, so a misjudged
 * trial cannot leave the rate deaf to throttling.
 */
const MAX_NOISE = 0.5;
/** Answers the noise is followed over, and the share below which it is taken to have stopped. */
const NOISE_MEMORY = 100;
const MIN_NOISE = 0.01;

interface Trial {
  /** When the decrease was made: calls sent after it tell whether it eased the throttling. */
  readonly since: number;
  /** The state before the first decrease of this run of trials. */
  readonly undo: { readonly learned: number; readonly climbing: boolean };
  /** Trials before this one, each right before the next, whose throttling did not ease. */
  readonly strikes: number;
  /**
   * Answers to calls sent before the decrease: those of the second before it, and those in flight
   * then, which come back after it. With the answers after it, the first measure of a noise found.
   */
  readonly before: { ok: number; throttled: number };
  /** Answers to calls sent after the decrease. */
  readonly after: { ok: number; throttled: number };
}

export class AdaptiveRate {
  readonly #cap: number;
  readonly #floor: number;
  readonly #timers: Timers;
  /** Successes and throttles per tenth of the window, as rings. */
  readonly #counts = new Array<number>(BUCKETS).fill(0);
  readonly #throttleCounts = new Array<number>(BUCKETS).fill(0);
  #bucketStart: number | undefined;
  #bucket = 0;
  #learned = Infinity;
  #lastDecrease = -Infinity;
  #throttles = 0;
  #decreases = 0;
  #climbing = true;
  #successes = 0;
  #trial: Trial | undefined;
  #noise = 0;

  constructor(options: AdaptiveRateOptions, timers: Timers) {
    this.#cap = options.cap;
    this.#floor = Math.min(options.floor ?? DEFAULT_FLOOR, options.cap);
    this.#timers = timers;
  }

  /** Calls a second to start at most: Infinity until a throttle has been seen (and no cap is set). */
  get rate(): number {
    return Math.min(this.#cap, this.#learned);
  }

  /** Calls in flight at most while no rate is learned (the slow start); Infinity once one is. */
  get window(): number {
    return Number.isFinite(this.#learned) ? Infinity : INITIAL_WINDOW + Math.floor(this.#successes * WINDOW_PER_SUCCESS);
  }

  /** Counts the decreases: a limiter holds its calls back after each, since the service's bucket is empty. */
  get decreases(): number {
    return this.#decreases;
  }

  /** How many throttles this account and region have answered. */
  get throttles(): number {
    return this.#throttles;
  }

  /** The share of throttles found not to ease when the rate fell (0 until a trial shows some). */
  get noise(): number {
    return this.#noise;
  }

  /** A call sent at `sentAt` succeeded. */
  succeeded(sentAt: number): void {
    this.#advance(this.#timers.now());
    this.#follow(0);
    this.#counts[this.#bucket]! += 1;
    this.#successes += 1;
    // On trial the rate holds still: the trial asks whether this rate eased the throttling.
    if (Number.isFinite(this.#learned) && !this.#trial) this.#learned = Math.min(this.#cap, this.#learned + (this.#climbing ? CLIMB_PER_SUCCESS : INCREASE_PER_SUCCESS));
    if (this.#trial) this.#evidence(sentAt, 'ok');
  }

  /** A call sent at `sentAt` was throttled (a ThrottlingException, or a handler's ErrorCode Throttling). */
  throttled(sentAt: number): void {
    this.#throttles += 1;
    const now = this.#timers.now();
    this.#advance(now);
    this.#throttleCounts[this.#bucket]! += 1;
    this.#follow(1);
    if (this.#trial) {
      // One decrease at a time: while it is on trial, throttles are its evidence, not a new episode.
      this.#evidence(sentAt, 'throttled');
      return;
    }
    if (sentAt < this.#lastDecrease) return;
    const { ok, throttled } = this.#recent();
    const share = throttled / (ok + throttled);
    if (this.#noise > 0 && (ok + throttled < NOISE_SAMPLE || share <= this.#noiseBound(ok + throttled, ABOVE_NOISE))) return;
    this.#decrease(now, ok);
  }

  #decrease(now: number, measured: number, previous?: Trial): void {
    const undo = previous?.undo ?? { learned: this.#learned, climbing: this.#climbing };
    this.#trial = { since: now, undo, strikes: previous ? previous.strikes + 1 : 0, before: this.#recent(), after: { ok: 0, throttled: 0 } };
    const first = !Number.isFinite(this.#learned);
    if (!first) this.#climbing = false;
    // A first throttle among the first few calls may be noise, and a trial at a rate near nothing
    // would take seconds to tell: the first cut leaves enough rate for a quick trial. A
    // cut after one that did not ease goes as deep as a first one, so that it cannot fall short twice.
    const base = first
      ? Math.max(measured * FIRST_DECREASE, FIRST_FLOOR)
      : Math.min(this.#learned, measured) * (previous ? FIRST_DECREASE : DECREASE);
    this.#learned = Math.min(this.#cap, Math.max(this.#floor, base));
    this.#lastDecrease = now;
    this.#decreases += 1;
  }

  #evidence(sentAt: number, outcome: 'ok' | 'throttled'): void {
    const trial = this.#trial!;
    // A call sent in the same millisecond as the decrease may have been granted before it.
    if (sentAt <= trial.since) return void (trial.before[outcome] += 1);
    trial.after[outcome] += 1;
    const answered = trial.after.ok + trial.after.throttled;
    const long = this.#timers.now() - trial.since >= TRIAL_MS;
    if (answered >= TRIAL_CALLS || (long && answered >= TRIAL_MIN_CALLS)) this.#judge(trial);
  }

  /** Enough calls sent after the decrease have answered: did the throttling ease? If not, take the decrease back. */
  #judge(trial: Trial): void {
    this.#trial = undefined;
    const share = ({ ok, throttled }: { ok: number; throttled: number }) => throttled / Math.max(1, ok + throttled);
    const after = share(trial.after);
    if (after > this.#noiseBound(trial.after.ok + trial.after.throttled, WITHIN_NOISE)) {
      // Not eased. A first cut may simply have been too small (70% of a second that counted the
      // service's burst): cut once more. Two cuts in a row that changed nothing: the rate is not the cause.
      if (trial.strikes === 0) return this.#decrease(this.#timers.now(), this.#recent().ok, trial);
      const { learned, climbing } = trial.undo;
      this.#learned = Math.max(this.#learned, learned);
      this.#climbing = climbing;
      this.#noise = Math.min(MAX_NOISE, share({ ok: trial.before.ok + trial.after.ok, throttled: trial.before.throttled + trial.after.throttled }));
    }
  }

  /**
   * Once a trial has found noise, its share is followed over the last hundred or so answers (none
   * while a decrease is on trial, whose throttles are the rate's), so it is neither the share of
   * the few calls a trial made nor kept once the service stops throttling at random.
   */
  #follow(throttled: 0 | 1): void {
    if (this.#noise === 0 || this.#trial) return;
    this.#noise = Math.min(MAX_NOISE, this.#noise + (throttled - this.#noise) / NOISE_MEMORY);
    if (this.#noise < MIN_NOISE) this.#noise = 0;
  }

  /**
   * The most throttled share of `n` answers that noise alone explains, `deviations` standard
   * deviations of a binomial share above it: a share is only compared over the calls there were.
   */
  #noiseBound(n: number, deviations: number): number {
    return this.#noise + deviations * Math.sqrt((this.#noise * (1 - this.#noise)) / n);
  }

  /** Successes and throttles answered over the last second. */
  #recent(): { ok: number; throttled: number } {
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    return { ok: sum(this.#counts), throttled: sum(this.#throttleCounts) };
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
      this.#throttleCounts[this.#bucket] = 0;
    }
  }
}
