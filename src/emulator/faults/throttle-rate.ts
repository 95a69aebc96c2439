/**
 * Random throttling (`throttleRate`): that share of calls, drawn with the injected random, is
 * answered ThrottlingException, the way a handler's downstream service throttles without a steady
 * rate. `rateLimit` (rate-limit.ts) is the service's own steady limit.
 */
import { errors } from '../wire.js';

export function throttleAtRandom(rate: number, random: () => number): void {
  if (rate > 0 && random() < rate) throw errors.throttled();
}
