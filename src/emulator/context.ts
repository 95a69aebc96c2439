/**
 * What an operation sees of the service: its options, its state and the type a request names. The
 * operations depend on this interface, not on the service class that dispatches to them, so the
 * module graph has no cycle.
 */
import type { HandlerName, ResourceType } from '../catalog/types.js';
import type { RegionState, Store } from './store.js';
import type { CallContext, CatalogLike, JsonObject } from './types.js';

export interface ServiceOptions {
  readonly catalog: CatalogLike;
  /** How long a write stays IN_PROGRESS, in milliseconds of `clock`. */
  readonly asyncMs: number;
  /** When set, a write instead settles on its (N+1)th status poll (a test aid; see requests.ts). */
  readonly asyncPolls?: number;
  /** Where an IN_PROGRESS status answer's RetryAfter points past its EventTime; by default, the due time. */
  readonly retryAfterMs?: number;
  /** How long a created resource stays invisible to GetResource and ListResources. */
  readonly settleMs: number;
  /** Items per ListResources page: 25 by default, as most handlers answer; some answer 100. */
  readonly listPageSize?: number;
  /** Pages hold at most the MaxResults asked (index.ts EmulatorOptions). */
  readonly honourMaxResults?: boolean;
  readonly random: () => number;
  /** Epoch milliseconds; injected so tests move time instead of waiting for it. */
  readonly clock: () => number;
  /** Faults a test may switch while the endpoint runs (faults/). */
  readonly faults: ServiceFaults;
}

export interface ServiceFaults {
  /** The next N write requests end FAILED with ErrorCode Throttling (faults/handler-throttle.ts). */
  handlerThrottles: number;
  /** Every ListResources page answers the second page's NextToken (faults/repeat-token.ts). */
  repeatNextToken: boolean;
}

export interface ServiceContext {
  readonly options: ServiceOptions;
  readonly store: Store;
  scope(ctx: CallContext): RegionState;
  /** The type named in a request that must support `action`; AWS's exceptions otherwise. */
  typeFor(body: JsonObject, action: HandlerName): ResourceType;
}
