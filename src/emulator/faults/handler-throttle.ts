/**
 * A handler throttled by the service behind it (`handlerThrottles`): Cloud Control accepted the
 * write, but the handler's own calls (to IAM, S3, …) were throttled, and the request ends FAILED with
 * ErrorCode `Throttling` (the handler contract's HandlerErrorCode.Throttling: "the request was
 * throttled by the downstream service"), not with a ThrottlingException. Nothing was changed. The
 * next N write requests to settle end so.
 */
import type { Outcome } from '../requests.js';

export interface HandlerThrottles {
  handlerThrottles: number;
}

/** The throttled outcome if the fault still has a count, else undefined (settle normally). */
export function throttledByHandler(faults: HandlerThrottles, typeName: string): Outcome | undefined {
  if (faults.handlerThrottles <= 0) return undefined;
  faults.handlerThrottles -= 1;
  return { ok: false, errorCode: 'Throttling', message: `Rate exceeded (the service behind ${typeName}'s handler throttled the request).` };
}
