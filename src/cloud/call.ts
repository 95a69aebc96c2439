/**
 * One Cloud Control call, as every operation makes it: attempts retried (retry.ts), each attempt
 * admitted by the region's limiter, bounded in time (call-timeout.ts), traced and counted, its
 * throttles taught to the region's learned rate; the final failure turned into a CcsqlError.
 */

import { CallDeadlines } from './call-timeout.js';
import { awsErrorName, toCloudError } from './errors.js';
import type { Limiter } from './limiter.js';
import { isThrottle, withRetry, type RetryOptions } from './retry.js';
import type { Timers } from './timers.js';
import type { CallTrace } from './types.js';

export interface CallSpec {
  readonly op: string;
  readonly region: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly signal?: AbortSignal;
}

export interface CallSettings {
  readonly timers: Timers;
  /** The clock of the per-call time limit (the real one unless a test drives it). */
  readonly callTimers: Timers;
  readonly callTimeoutMs: number;
  readonly retry: RetryOptions;
  readonly limiterFor: (region: string) => Limiter;
  readonly endpointFor: (region: string) => string;
  readonly stats: { calls: number; throttles: number; inFlight: number };
  readonly onCall?: (trace: CallTrace) => void;
}

export type Send<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Calls that go before those waiting in order (limiter.ts): a listing's next page, which is what
 * tells the reads still to start and, with the last page, how many there are.
 */
const AHEAD = new Set(['ListResources']);

export function makeCall(s: CallSettings) {
  const deadlines = new CallDeadlines(s.callTimeoutMs, s.callTimers);
  return async function call<T>(spec: CallSpec, send: Send<T>): Promise<T> {
    try {
      return await withRetry(
        (attempt) => {
          const limiter = s.limiterFor(spec.region);
          return limiter.run((sentAt) => traced(s, deadlines, spec, attempt, send, limiter, sentAt), spec.signal, AHEAD.has(spec.op));
        },
        s.retry,
        s.timers,
        spec.signal,
      );
    } catch (error) {
      throw toCloudError(error, { ...spec, endpoint: s.endpointFor(spec.region) });
    }
  };
}

async function traced<T>(s: CallSettings, deadlines: CallDeadlines, spec: CallSpec, attempt: number, send: Send<T>, limiter: Limiter, sentAt: number): Promise<T> {
  const started = s.onCall ? s.timers.now() : 0;
  s.stats.calls += 1;
  s.stats.inFlight += 1;
  try {
    const result = await deadlines.run(spec.op, spec.signal, send);
    limiter.rate.succeeded(sentAt);
    // The trace is built only when someone listens: a statement makes thousands of calls.
    if (s.onCall) s.onCall({ ...traceOf(spec, attempt), ms: s.timers.now() - started });
    return result;
  } catch (error) {
    if (isThrottle(error)) {
      s.stats.throttles += 1;
      limiter.rate.throttled(sentAt);
    }
    if (s.onCall) s.onCall({ ...traceOf(spec, attempt), ms: s.timers.now() - started, error: awsErrorName(error) });
    throw error;
  } finally {
    s.stats.inFlight -= 1;
  }
}

function traceOf(spec: CallSpec, attempt: number) {
  return { op: spec.op, region: spec.region, typeName: spec.typeName, identifier: spec.identifier, attempt };
}
