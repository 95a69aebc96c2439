/**
 * A time limit on every attempt of every call (`--call-timeout`, `callTimeoutMs`). An AbortSignal
 * (shared by the attempts that start together, CallDeadlines) rather than the SDK's request-handler
 * timeouts: the handler's socket timeouts run on
 * the real clock, while this one runs on injected timers (tests drive a hung endpoint on a virtual
 * clock), and it also ends an attempt stuck before the socket (a credentials provider, a DNS lookup).
 *
 * A timed-out attempt throws CallTimeoutError, named `TimeoutError` as the SDK's classifier expects
 * of a transient failure, so it is retried as a network error. A write is safe to retry: it is sent
 * again with the same ClientToken, which Cloud Control answers with the request it already started.
 */

import { setMaxListeners } from 'node:events';
import type { Timers } from './timers.js';

/** No answer within a minute is no answer: Cloud Control answers even its slowest calls in seconds. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

export class CallTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(op: string, timeoutMs: number) {
    super(`${op} got no answer within ${formatMs(timeoutMs)}`);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A call's limit is its start plus `timeoutMs`, rounded up to the next hundredth of `timeoutMs`:
 * calls that start within that span (and under the same outer signal) share one AbortController and
 * one timer. A statement makes thousands of calls; a controller, a timer and an abort listener for
 * each cost more CPU than the calls' own bookkeeping (and the SDK adds its own listeners on whatever
 * signal it is given). A call thus waits at least `timeoutMs` and at most 1% longer.
 */
const SLOTS_PER_TIMEOUT = 100;

interface Group {
  readonly controller: AbortController;
  /** When this group's calls are abandoned (its slot's end). */
  readonly deadline: number;
  readonly outer: AbortSignal | undefined;
  readonly onOuter: () => void;
  handle: unknown;
  pending: number;
  timedOut: boolean;
}

/** Time limits for the calls of one cloud, on its timers. */
export class CallDeadlines {
  readonly #timeoutMs: number;
  readonly #timers: Timers;
  readonly #slotMs: number;
  /** The group calls join now, per outer signal (undefined: calls made without one). */
  readonly #open = new Map<AbortSignal | undefined, Group>();

  constructor(timeoutMs: number, timers: Timers) {
    this.#timeoutMs = timeoutMs;
    this.#timers = timers;
    this.#slotMs = Math.max(1, timeoutMs / SLOTS_PER_TIMEOUT);
  }

  /** Runs `send` with a signal that aborts when `outer` does or when the call's time is up first. */
  async run<T>(op: string, outer: AbortSignal | undefined, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    outer?.throwIfAborted();
    const group = this.#join(outer);
    try {
      return await send(group.controller.signal);
    } catch (error) {
      if (group.timedOut && !outer?.aborted) throw new CallTimeoutError(op, this.#timeoutMs);
      throw error;
    } finally {
      group.pending -= 1;
      if (group.pending === 0) this.#close(group);
    }
  }

  #join(outer: AbortSignal | undefined): Group {
    const now = this.#timers.now();
    const deadline = Number.isFinite(this.#timeoutMs) ? Math.ceil((now + this.#timeoutMs) / this.#slotMs) * this.#slotMs : Infinity;
    let group = this.#open.get(outer);
    if (!group || group.deadline !== deadline) {
      const controller = new AbortController();
      // Every call of the group (and the SDK within it) listens on this one signal: no leak, by design.
      setMaxListeners(0, controller.signal);
      const onOuter = (): void => controller.abort(outer?.reason);
      outer?.addEventListener('abort', onOuter, { once: true });
      const opened: Group = (group = { controller, deadline, outer, onOuter, handle: undefined, pending: 0, timedOut: false });
      if (Number.isFinite(deadline)) {
        opened.handle = this.#timers.setTimeout(() => {
          opened.timedOut = true;
          controller.abort(new CallTimeoutError('A call', this.#timeoutMs));
        }, deadline - now);
      }
      this.#open.set(outer, group);
    }
    group.pending += 1;
    return group;
  }

  /** Its last call has ended: no timer or listener outlives it. */
  #close(group: Group): void {
    if (group.handle !== undefined) this.#timers.clearTimeout(group.handle);
    group.outer?.removeEventListener('abort', group.onOuter);
    if (this.#open.get(group.outer) === group) this.#open.delete(group.outer);
  }
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
