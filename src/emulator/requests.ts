/**
 * The asynchronous side of Cloud Control writes. A request is IN_PROGRESS until `asyncMs` of the
 * service clock have passed since it started, then it settles, whether or not anyone asks: the store
 * advances every request that is due before it answers any call, so a create nobody polls still
 * completes, as on AWS. Its effect (the resource appears, changes or goes) is applied at that moment,
 * so a resource becomes visible exactly when its request reports SUCCESS, and conditions such as a
 * duplicate name are judged then, as a real handler judges them when it runs.
 *
 * RetryAfter appears only on a status answer for a request still IN_PROGRESS (the handler's callback
 * delay); a write's own answer carries none (the create-resource outputs quoted in
 * terraform-provider-awscc issues #701 and #1000 have none), nor does a finished event.
 *
 * `asyncPolls` is a test aid kept for clients whose tests count status polls: with it the request
 * settles on its (N+1)th status poll instead, and every IN_PROGRESS event carries RetryAfter.
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
  /** Applies the request's effect; `at` is when, on the service clock. */
  settle: (at: number) => Outcome;
}

export interface Timing {
  readonly startedAt: number;
  readonly asyncMs: number;
  readonly asyncPolls?: number;
  readonly retryAfterMs?: number;
}

const DONE: readonly OperationStatus[] = ['SUCCESS', 'FAILED', 'CANCEL_COMPLETE'];

export class ResourceRequest {
  readonly token = randomUUID();
  readonly typeName: string;
  readonly identifier: string | undefined;
  readonly clientToken: string | undefined;
  readonly fingerprint: string;
  readonly startedAt: number;
  /** When the request settles by itself; undefined when it waits for polls. */
  readonly dueAt: number | undefined;
  readonly #spec: RequestSpec;
  readonly #timing: Timing;
  #polls: number;
  #event: ProgressEvent;

  constructor(spec: RequestSpec, timing: Timing) {
    this.#spec = spec;
    this.#timing = timing;
    this.typeName = spec.typeName;
    this.identifier = spec.identifier;
    this.clientToken = spec.clientToken;
    this.fingerprint = spec.fingerprint;
    this.startedAt = timing.startedAt;
    this.dueAt = timing.asyncPolls === undefined ? timing.startedAt + timing.asyncMs : undefined;
    this.#polls = timing.asyncPolls ?? 0;
    this.#event = {
      TypeName: spec.typeName,
      ...(spec.showIdentifier && spec.identifier !== undefined ? { Identifier: spec.identifier } : {}),
      RequestToken: this.token,
      Operation: spec.operation,
      OperationStatus: 'IN_PROGRESS',
      EventTime: epochSeconds(timing.startedAt),
      ...(spec.resourceModel !== undefined ? { ResourceModel: spec.resourceModel } : {}),
    };
    if (timing.asyncPolls !== undefined) this.#stampRetry(timing.startedAt, timing.startedAt + (timing.retryAfterMs ?? 0));
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

  /** Settles the request if its time has come (time mode) or completes a cancellation. */
  advance(now: number): void {
    if (this.#event.OperationStatus === 'CANCEL_IN_PROGRESS') this.#update({ OperationStatus: 'CANCEL_COMPLETE' }, now);
    else if (!this.isDone() && this.dueAt !== undefined && now >= this.dueAt) this.#settle(this.dueAt);
  }

  /** One GetResourceRequestStatus call. */
  poll(now: number): ProgressEvent {
    this.advance(now);
    if (this.isDone() || this.#event.OperationStatus === 'CANCEL_IN_PROGRESS') return this.event;
    if (this.dueAt !== undefined) {
      this.#update({}, now);
      this.#stampRetry(now, this.#timing.retryAfterMs === undefined ? this.dueAt : now + this.#timing.retryAfterMs);
    } else if (this.#polls > 0) {
      this.#polls -= 1;
      this.#update({}, now);
      this.#stampRetry(now, now + (this.#timing.retryAfterMs ?? 0));
    } else {
      this.#settle(now);
    }
    return this.event;
  }

  /** Returns false when the request can no longer be cancelled. */
  cancel(now: number): boolean {
    if (this.#event.OperationStatus !== 'PENDING' && this.#event.OperationStatus !== 'IN_PROGRESS') return false;
    this.#update({ OperationStatus: 'CANCEL_IN_PROGRESS' }, now);
    return true;
  }

  #settle(at: number): void {
    const outcome = this.#spec.settle(at);
    if (outcome.ok) {
      this.#update(
        {
          OperationStatus: 'SUCCESS',
          Identifier: outcome.identifier,
          ...(outcome.resourceModel !== undefined ? { ResourceModel: outcome.resourceModel } : {}),
        },
        at,
      );
    } else {
      this.#update({ OperationStatus: 'FAILED', ErrorCode: outcome.errorCode, StatusMessage: outcome.message }, at);
    }
  }

  #update(changes: Partial<ProgressEvent>, at: number): void {
    const { RetryAfter: _retry, ...rest } = this.#event;
    void _retry;
    this.#event = { ...rest, ...changes, EventTime: epochSeconds(at) };
  }

  #stampRetry(now: number, at: number): void {
    this.#event.RetryAfter = epochSeconds(Math.max(now, at));
  }
}
