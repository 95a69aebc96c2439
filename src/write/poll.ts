/**
 * How long to wait between GetResourceRequestStatus calls, and for how long at all. Cloud Control
 * says when to ask again in RetryAfter; it is read relative to the event's own EventTime, both set by
 * the service's clock, so a skewed local clock neither hammers the service nor stalls. Without a
 * RetryAfter the wait doubles from one second up to ten.
 */

import type { Catalog } from '../catalog/index.js';
import type { HandlerName } from '../catalog/types.js';
import type { Operation, ProgressEvent } from '../cloud/types.js';

/** Registry schemas default a handler's timeoutInMinutes to 120. */
export const DEFAULT_HANDLER_TIMEOUT_MINUTES = 120;
const MAX_RETRY_AFTER_MS = 15 * 60_000;
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;

export function pollDelay(event: ProgressEvent, polls: number): number {
  const retryAt = Date.parse(event.RetryAfter ?? '');
  const at = Date.parse(event.EventTime ?? '');
  if (Number.isFinite(retryAt) && Number.isFinite(at)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAt - at));
  return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.min(polls, 10));
}

/** The type's handler timeout for the operation, in milliseconds. */
export function handlerTimeoutMs(catalog: Catalog, typeName: string, operation: Operation): number {
  const handler = operation.toLowerCase() as HandlerName;
  const minutes = catalog.byTypeName(typeName)?.handlers[handler]?.timeoutInMinutes ?? DEFAULT_HANDLER_TIMEOUT_MINUTES;
  return minutes * 60_000;
}
