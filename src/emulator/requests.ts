/**
 * The asynchronous side of Cloud Control writes. A request answers IN_PROGRESS for `asyncPolls`
 * status polls; the next poll settles it. Its effect (the resource appears, changes or goes) is
 * applied at that moment, so a resource becomes visible exactly when its request reports SUCCESS,
 * and conditions such as a duplicate name are judged then, as a real handler judges them when it runs.
 */
import { randomUUID } from 'node:crypto';
import { epochSeconds } from './wire.js';
import type { Operation, OperationStatus, ProgressEvent } from './types.js';

/** What settling a request did: success with the final identifier, or a handler error code. */
export type Outcome =
  | { ok: true; identifier: string; resourceModel?: string }
  | { ok: false; errorCode: string; message: string };

export interface RequestSpec {
  typeName: string;
  operation: Operation;
  /** The resource's identifier; for a create, known to the emulator but shown only on success. */
  identifier?: string;
  showIdentifier: boolean;
  resourceModel?: string;
  clientToken?: string;
  fingerprint: string;
  polls: number;
  retryAfterMs: number;
  settle: () => Outcome;
}

const DONE: readonly OperationStatus[] = ['SUCCESS', 'FAILED', 'CANCEL_COMPLETE'];

export class ResourceRequest {
  readonly token = randomUUID();
  readonly typeName: string;
  readonly identifier: string | undefined;
  readonly clientToken: string | undefined;
  readonly fingerprint: string;
  readonly #spec: RequestSpec;
  #polls: number;
  #event: ProgressEvent;

  constructor(spec: RequestSpec) {
    this.#spec = spec;
    this.typeName = spec.typeName;
    this.identifier = spec.identifier;
    this.clientToken = spec.clientToken;
    this.fingerprint = spec.fingerprint;
    this.#polls = spec.polls;
    this.#event = {
      TypeName: spec.typeName,
      ...(spec.showIdentifier && spec.identifier !== undefined ? { Identifier: spec.identifier } : {}),
      RequestToken: this.token,
      Operation: spec.operation,
      OperationStatus: 'IN_PROGRESS',
      EventTime: epochSeconds(Date.now()),
      ...(spec.resourceModel !== undefined ? { ResourceModel: spec.resourceModel } : {}),
    };
    this.#stampRetry();
  }

  get event(): ProgressEvent {
    return { ...this.#event };
  }

  get operation(): Operation {
    return this.#spec.operation;
  }

  isDone(): boolean {
    return DONE.includes(this.#event.OperationStatus);
  }

  /** One GetResourceRequestStatus call: counts down, then settles. */
  poll(): ProgressEvent {
    if (this.#event.OperationStatus === 'CANCEL_IN_PROGRESS') {
      this.#update({ OperationStatus: 'CANCEL_COMPLETE' });
    } else if (!this.isDone()) {
      if (this.#polls > 0) {
        this.#polls -= 1;
        this.#update({});
        this.#stampRetry();
      } else {
        this.#settle();
      }
    }
    return this.event;
  }

  /** Returns false when the request can no longer be cancelled. */
  cancel(): boolean {
    if (this.#event.OperationStatus !== 'PENDING' && this.#event.OperationStatus !== 'IN_PROGRESS') return false;
    this.#update({ OperationStatus: 'CANCEL_IN_PROGRESS' });
    return true;
  }

  #settle(): void {
    const outcome = this.#spec.settle();
    if (outcome.ok) {
      this.#update({
        OperationStatus: 'SUCCESS',
        Identifier: outcome.identifier,
        ...(outcome.resourceModel !== undefined ? { ResourceModel: outcome.resourceModel } : {}),
      });
    } else {
      this.#update({ OperationStatus: 'FAILED', ErrorCode: outcome.errorCode, StatusMessage: outcome.message });
    }
  }

  #update(changes: Partial<ProgressEvent>): void {
    const { RetryAfter: _retry, ...rest } = this.#event;
    void _retry;
    this.#event = { ...rest, ...changes, EventTime: epochSeconds(Date.now()) };
  }

  #stampRetry(): void {
    this.#event.RetryAfter = epochSeconds(Date.now() + this.#spec.retryAfterMs);
  }
}
