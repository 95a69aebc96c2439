/**
 * How long a write may take: its type's handler timeout. The wait between polls is the cloud layer's
 * (src/cloud/poll-delay.ts), which also waits out another request on a resource.
 */

import type { Catalog } from '../catalog/index.js';
import type { HandlerName } from '../catalog/types.js';
import type { Operation } from '../cloud/types.js';

export { pollDelay } from '../cloud/poll-delay.js';

/** Registry schemas default a handler's timeoutInMinutes to 120. */
export const DEFAULT_HANDLER_TIMEOUT_MINUTES = 120;

/** The type's handler timeout for the operation, in milliseconds. */
export function handlerTimeoutMs(catalog: Catalog, typeName: string, operation: Operation): number {
  const handler = operation.toLowerCase() as HandlerName;
  const minutes = catalog.byTypeName(typeName)?.handlers[handler]?.timeoutInMinutes ?? DEFAULT_HANDLER_TIMEOUT_MINUTES;
  return minutes * 60_000;
}
