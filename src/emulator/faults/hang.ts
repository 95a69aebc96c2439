/**
 * A hung call (`hang`): the service does the work, then the answer never comes, as when a load
 * balancer or a proxy holds a connection open. A client without a time limit per call waits forever;
 * one with a limit must not resend a write blind, because the write was done. The connection is held
 * until the client gives up (or the endpoint closes).
 */
import type { ServerResponse } from 'node:http';
import { CallFault } from './call-fault.js';

export class HangFault extends CallFault {
  readonly #held = new Set<ServerResponse>();

  /** Calls held unanswered right now. */
  get hanging(): number {
    return this.#held.size;
  }

  hold(res: ServerResponse): void {
    this.#held.add(res);
    res.on('close', () => this.#held.delete(res));
  }
}
