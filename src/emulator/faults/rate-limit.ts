/**
 * Throttling as the service does it (`rateLimit`): a token bucket per account and region holding
 * `rate` tokens, refilled at `rate` a second on the service clock; a call finding it empty is
 * answered ThrottlingException "Rate exceeded". The SDK's model gives Cloud Control's own
 * ThrottlingException HTTP 429, but a rate limit is enforced by AWS's front end, which answers 400
 * with the coral namespace (wire.ts); the SDK picks the exception class from `__type` either way.
 */
import { errors, ServiceError } from '../wire.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #clock: () => number;
  #rate: number;

  constructor(rate: number, clock: () => number) {
    this.#rate = rate;
    this.#clock = clock;
  }

  setRate(rate: number): void {
    this.#rate = rate;
    this.#buckets.clear();
  }

  /** Takes a token for a call by `account` in `region`, or throws ThrottlingException. */
  take(account: string, region: string): void {
    if (this.#rate <= 0) return;
    const now = this.#clock();
    const key = `${account}/${region}`;
    const bucket = this.#buckets.get(key) ?? { tokens: this.#rate, at: now };
    bucket.tokens = Math.min(this.#rate, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) throw throttledByFrontEnd();
    bucket.tokens -= 1;
  }
}

function throttledByFrontEnd(): ServiceError {
  const error = errors.throttled();
  return new ServiceError(error.type, error.message, 400, 'com.amazon.coral.availability');
}
