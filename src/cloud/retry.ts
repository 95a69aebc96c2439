/**
 * Retries with exponential backoff and full jitter. Far more patient than the SDK's default three
 * attempts: a listing of thousands of resources under throttling should finish, not fail. Which
 * errors are worth another attempt is the SDK's own classifier's call, with Cloud Control's on top.
 */

import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { sleep, type Timers } from './timers.js';

export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = Object.freeze({
  maxAttempts: 20,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  random: Math.random,
});

/**
 * Cloud Control's own names for a passing failure, which the SDK's classifier knows only by their
 * HTTP status (an error built or relayed without one would not be retried). The Cloud Control API
 * reference describes them as faults of the service or of the handler's network, not of the request:
 * ServiceInternalErrorException, NetworkFailureException ("couldn't be completed due to networking
 * issues"), HandlerInternalFailureException ("an unexpected error occurred within the resource
 * handler"); InternalFailure and ServiceUnavailable are the AWS JSON protocol's generic 5xx names.
 */
const CLOUD_CONTROL_TRANSIENT = new Set([
  'ServiceInternalErrorException',
  'NetworkFailureException',
  'HandlerInternalFailureException',
  'InternalFailure',
  'ServiceUnavailable',
]);
/** Node socket errors the classifier does not list: undici's closed socket. */
const SOCKET_CODES = new Set(['UND_ERR_SOCKET']);

type SdkError = Parameters<typeof isTransientError>[0];

function asError(error: unknown): (SdkError & { code?: string }) | undefined {
  return typeof error === 'object' && error !== null ? (error as SdkError & { code?: string }) : undefined;
}

/**
 * The SDK's classification (throttling, transient: timeouts, 500/502/503/504, Node socket and DNS
 * errors, a corrected clock skew; other 5xx) plus Cloud Control's transient names. A cancelled call
 * (AbortError) never retries. Clock-skew names alone (isClockSkewError) are not retried: they include
 * AccessDeniedException, which is no passing fault; a skew the SDK corrected is already transient.
 */
export function isRetryable(error: unknown): boolean {
  const e = asError(error);
  if (!e || e.name === 'AbortError') return false;
  if (isThrottlingError(e) || isTransientError(e) || isServerError(e)) return true;
  return CLOUD_CONTROL_TRANSIENT.has(e.name) || (e.code !== undefined && SOCKET_CODES.has(e.code));
}

/** Counted in the cloud's stats: the SDK's throttling errors, and any name speaking of throttling. */
export function isThrottle(error: unknown): boolean {
  const e = asError(error);
  return e !== undefined && (isThrottlingError(e) || (typeof e.name === 'string' && e.name.includes('Throttl')));
}

export function backoffDelay(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * options.random());
}

/** Runs `attempt(n)` until it succeeds, fails with a non-retryable error, or attempts run out. */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
  timers: Timers,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxAttempts || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(timers, backoffDelay(n, options), signal);
    }
  }
}
