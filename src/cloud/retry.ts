/**
 * Retries with exponential backoff and full jitter, never sooner than a Retry-After the service sent.
 * Far more patient than the SDK's default three attempts: a listing of thousands of resources under
 * throttling should finish, not fail. Which errors are worth another attempt is the SDK's own
 * classifier's call, with Cloud Control's on top. Two kinds get few attempts: an endpoint that cannot
 * be reached (a name that does not resolve, a refused connection) fails within seconds, since twenty
 * attempts would only hide a wrong --endpoint-url or a network that is down; and a call that timed
 * out (call-timeout.ts) is tried three times, so a stuck endpoint ends the statement in minutes.
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
/** Errors that say the endpoint cannot be reached at all (Node's DNS and connect errors). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Attempts for an unreachable endpoint: with the default backoff they end within half a second. */
export const UNREACHABLE_ATTEMPTS = 3;
/** Attempts for a call that got no answer within its time limit. */
export const TIMEOUT_ATTEMPTS = 3;
/** The longest Retry-After honoured: a longer one is the service's, not a passing fault's, to fix. */
const MAX_RETRY_AFTER_MS = 60_000;

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

/** A DNS or connect failure: the endpoint is not there (not a reset of a connection that was). */
export function isUnreachable(error: unknown): boolean {
  const e = asError(error);
  return e !== undefined && e.name !== 'AbortError' && e.code !== undefined && UNREACHABLE_CODES.has(e.code);
}

/** The wait a throttled or failed answer asked for in its Retry-After (seconds) or x-amz-retry-after (ms) header. */
export function retryAfterMs(error: unknown): number {
  const headers = (error as { $response?: { headers?: Record<string, string | undefined> } } | null)?.$response?.headers ?? {};
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const seconds = Number(lower['retry-after']);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Number(lower['x-amz-retry-after']);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

function attemptsFor(error: unknown, options: RetryOptions): number {
  if (isUnreachable(error)) return Math.min(UNREACHABLE_ATTEMPTS, options.maxAttempts);
  if ((error as { name?: string } | null)?.name === 'TimeoutError') return Math.min(TIMEOUT_ATTEMPTS, options.maxAttempts);
  return options.maxAttempts;
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
      if (n >= attemptsFor(error, options) || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(timers, Math.max(backoffDelay(n, options), retryAfterMs(error)), signal);
    }
  }
}
