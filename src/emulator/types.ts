/** Internal shapes shared by the emulator's modules. */
import type { ResourceType } from '../catalog/types.js';

/** The part of the catalog the emulator needs; `src/catalog`'s Catalog satisfies it. */
export interface CatalogLike {
  byTypeName(typeName: string): ResourceType | undefined;
  typeNames(): readonly string[] | Iterable<string>;
  all(): readonly ResourceType[] | Iterable<ResourceType>;
}

export interface SeedResource {
  TypeName: string;
  Region?: string;
  Account?: string;
  Properties: Record<string, unknown>;
}

export interface SeedDocument {
  resources: SeedResource[];
}

/** Who is calling: taken from the SigV4 credential scope. */
export interface CallContext {
  readonly region: string;
  readonly account: string;
}

export type JsonObject = Record<string, unknown>;

export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILED',
  'CANCEL_IN_PROGRESS',
  'CANCEL_COMPLETE',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** A ProgressEvent as the wire carries it (EventTime and RetryAfter in epoch seconds). */
export interface ProgressEvent {
  TypeName: string;
  Identifier?: string;
  RequestToken: string;
  Operation: Operation;
  OperationStatus: OperationStatus;
  EventTime: number;
  ResourceModel?: string;
  StatusMessage?: string;
  ErrorCode?: string;
  RetryAfter?: number;
}
