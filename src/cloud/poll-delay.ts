/**
 * How long to wait before asking again about a resource request. Cloud Control says when in
 * RetryAfter; it is read relative to the event's own EventTime, both set by the service's clock, so a
 * skewed local clock neither hammers the service nor stalls. Without a RetryAfter the wait doubles
 * from one second up to ten.
 */

import type { ProgressEvent } from './types.js';

const MAX_RETRY_AFTER_MS = 15 * 60_000;
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;

export function pollDelay(event: ProgressEvent, polls: number): number {
  const retryAt = Date.parse(event.RetryAfter ?? '');
  const at = Date.parse(event.EventTime ?? '');
  if (Number.isFinite(retryAt) && Number.isFinite(at)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAt - at));
  return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.min(polls, 10));
}
