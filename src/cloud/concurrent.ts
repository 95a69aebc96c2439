/**
 * A write refused with ConcurrentOperationException ("Another resource operation is currently being
 * performed on this resource", Cloud Control API Reference) waits for that other request and then
 * tries again. The other request is found with ListResourceRequests (PENDING or IN_PROGRESS, same type
 * and identifier) and polled with GetResourceRequestStatus to a terminal status, honouring its
 * RetryAfter. If it cannot be found (it finished meanwhile, or was not started by a Cloud Control
 * caller), the write waits one backoff and tries again. Bounded: a few rounds, each no longer than
 * the longest handler timeout registry schemas allow by default.
 */

import { pollDelay } from './poll-delay.js';
import { sleep, type Timers } from './timers.js';
import { TERMINAL_STATUSES, type ProgressEvent, type RequestFilter } from './types.js';

/** Rounds of waiting for another request before the ConcurrentOperationException is the answer. */
export const CONCURRENT_ROUNDS = 3;
const MAX_WAIT_MS = 120 * 60_000;
const NOT_FOUND_WAIT_MS = 1_000;

export interface ConcurrentDeps {
  readonly timers: Timers;
  listRequests(region: string, filter: RequestFilter, signal?: AbortSignal): Promise<ProgressEvent[]>;
  status(region: string, requestToken: string, signal?: AbortSignal): Promise<ProgressEvent>;
}

export function isConcurrentOperation(error: unknown): boolean {
  return (error as { details?: { awsErrorName?: string } } | null)?.details?.awsErrorName === 'ConcurrentOperationException';
}

/** Waits until no other request is in progress on the resource (as far as Cloud Control tells). */
export async function waitForOtherRequest(
  deps: ConcurrentDeps,
  region: string,
  typeName: string,
  identifier: string,
  signal?: AbortSignal,
): Promise<void> {
  const active = await deps.listRequests(region, { statuses: ['PENDING', 'IN_PROGRESS'] }, signal);
  const other = active.find((e) => e.TypeName === typeName && e.Identifier === identifier && e.RequestToken);
  if (!other) return sleep(deps.timers, NOT_FOUND_WAIT_MS, signal);
  const deadline = deps.timers.now() + MAX_WAIT_MS;
  let event = other;
  for (let polls = 0; !TERMINAL_STATUSES.has(event.OperationStatus ?? '') && deps.timers.now() < deadline; polls += 1) {
    await sleep(deps.timers, pollDelay(event, polls), signal);
    event = await deps.status(region, other.RequestToken!, signal);
  }
}
