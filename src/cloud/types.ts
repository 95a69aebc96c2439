/**
 * The narrow interface ccsql uses to talk to Cloud Control. Nothing outside src/cloud imports @aws-sdk.
 */

import type { ProgressEvent } from '../shapes.js';

export type { ProgressEvent };

export const OPERATION_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILED',
  'CANCEL_IN_PROGRESS',
  'CANCEL_COMPLETE',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One resource as ListResources or GetResource describes it. */
export interface ResourceDescription {
  readonly identifier: string;
  readonly properties: Record<string, unknown>;
}

export interface WriteOptions {
  readonly clientToken?: string;
  readonly roleArn?: string;
  readonly typeVersionId?: string;
  readonly signal?: AbortSignal;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** What the tracer hook hears about every attempt of every call. */
export interface CallTrace {
  readonly op: string;
  readonly region: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly attempt: number;
  readonly ms: number;
  readonly error?: string;
}

export interface RequestFilter {
  readonly operations?: readonly string[];
  readonly statuses?: readonly string[];
}

export interface Cloud {
  /** Every page of a listing; `onPage` hears each page as it arrives, so work on it can start early. */
  list(typeName: string, region: string, model?: Record<string, unknown>, signal?: AbortSignal, onPage?: (page: readonly ResourceDescription[]) => void): Promise<ResourceDescription[]>;
  /** undefined when the resource does not exist: a point lookup of a missing resource is no row. */
  get(typeName: string, region: string, identifier: string, signal?: AbortSignal): Promise<ResourceDescription | undefined>;
  create(typeName: string, region: string, desiredState: Record<string, unknown>, options?: WriteOptions): Promise<ProgressEvent>;
  update(typeName: string, region: string, identifier: string, patch: readonly unknown[], options?: WriteOptions): Promise<ProgressEvent>;
  delete(typeName: string, region: string, identifier: string, options?: WriteOptions): Promise<ProgressEvent>;
  status(region: string, requestToken: string, signal?: AbortSignal): Promise<ProgressEvent>;
  listRequests(region: string, filter?: RequestFilter, signal?: AbortSignal): Promise<ProgressEvent[]>;
  cancel(region: string, requestToken: string): Promise<ProgressEvent>;
  whoami(region: string): Promise<CallerIdentity>;
  /** Counters since the cloud was made: calls sent and throttles seen (for progress lines). */
  readonly stats: { calls: number; throttles: number; inFlight: number };
  destroy(): void;
}
