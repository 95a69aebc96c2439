/**
 * A passing fault of the service (`internalErrors`): the next N calls are answered
 * ServiceInternalErrorException ("The resource handler has returned that an unexpected error
 * occurred within the resource handler", HTTP status from the service model) before the service does
 * anything, so a retry is safe.
 */
import { ServiceError } from '../wire.js';
import { CallFault } from './call-fault.js';

export class InternalErrorFault extends CallFault {
  /** Throws the fault's answer if this call of `op` meets it. */
  check(op: string): void {
    if (this.take(op)) throw new ServiceError('ServiceInternalErrorException', 'Cloud Control met an internal error; try again.');
  }
}
