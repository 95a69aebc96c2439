/**
 * A time limit on every attempt of every call (`--call-timeout`, `callTimeoutMs`). An AbortSignal
 * per attempt rather than the SDK's request-handler timeouts: the handler's socket timeouts run on
 * the real clock, while this one runs on injected timers (tests drive a hung endpoint on a virtual
 * clock), and it also ends an attempt stuck before the socket (a credentials provider, a DNS lookup).
 *
 * A timed-out attempt throws CallTimeoutError, named `TimeoutError` as the SDK's classifier expects
 * of a transient failure, so it is retried as a network error. A write is safe to retry: it is sent
 * again with the same ClientToken, which Cloud Control answers with the request it already started.
 */

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

/** Runs `send` with a signal that aborts when `outer` does or when `timeoutMs` pass first. */
export async function withCallTimeout<T>(
  op: string,
  timeoutMs: number,
  timers: Timers,
  outer: AbortSignal | undefined,
  send: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  const onOuter = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  let timedOut = false;
  const handle = Number.isFinite(timeoutMs)
    ? timers.setTimeout(() => {
        timedOut = true;
        controller.abort(new CallTimeoutError(op, timeoutMs));
      }, timeoutMs)
    : undefined;
  try {
    return await send(controller.signal);
  } catch (error) {
    if (timedOut && !outer?.aborted) throw new CallTimeoutError(op, timeoutMs);
    throw error;
  } finally {
    if (handle !== undefined) timers.clearTimeout(handle);
    outer?.removeEventListener('abort', onOuter);
  }
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
