/**
 * Retries with exponential backoff and full jitter. Far more patient than the SDK's default three
 * attempts: a listing of thousands of resources under throttling should finish, not fail.
 */

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

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceInternalErrorException',
  'NetworkFailureException',
  'HandlerInternalFailureException',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (e.name === 'AbortError') return false;
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && RETRYABLE_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

export function isThrottle(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return name.includes('Throttl') || name === 'TooManyRequestsException' || name === 'RequestLimitExceeded';
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
