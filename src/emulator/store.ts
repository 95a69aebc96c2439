/**
 * State per account and region: resources by type and identifier, resource requests by token, client
 * tokens, counters. Global types (global-types.ts) keep their resources in one place that every
 * region sees, as on AWS. Time is the service clock's: `advance` settles the requests that are due
 * and forgets what AWS forgets.
 */
import type { ResourceType } from '../catalog/types.js';
import { isGlobal } from './global-types.js';
import { getAt } from './pointer.js';
import type { ResourceRequest } from './requests.js';
import type { JsonObject } from './types.js';

/** "A client token is valid for 36 hours once used" (CreateResource, API Reference). */
export const CLIENT_TOKEN_TTL_MS = 36 * 3_600_000;
/** "Resource operation requests expire after 7 days" (ListResourceRequests, API Reference). */
export const REQUEST_TTL_MS = 7 * 24 * 3_600_000;

export interface ClientTokenUse {
  readonly requestToken: string;
  readonly at: number;
}

export class RegionState {
  readonly requests = new Map<string, ResourceRequest>();
  readonly clientTokens = new Map<string, ClientTokenUse>();
  readonly resources: Map<string, Map<string, JsonObject>>;
  readonly #counters: Map<string, number>;

  constructor(resources: Map<string, Map<string, JsonObject>>, counters: Map<string, number>) {
    this.resources = resources;
    this.#counters = counters;
  }

  table(typeName: string): Map<string, JsonObject> {
    let table = this.resources.get(typeName);
    if (!table) {
      table = new Map();
      this.resources.set(typeName, table);
    }
    return table;
  }

  nextNumber(key: string): number {
    const next = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, next);
    return next;
  }

  /**
   * Requests not yet done, so that every call (which settles whatever is due) looks at those alone
   * rather than at every request of the last 7 days: a long run makes thousands.
   */
  readonly #running = new Set<ResourceRequest>();

  addRequest(request: ResourceRequest): void {
    this.requests.set(request.token, request);
    this.#running.add(request);
  }

  /** The requests not yet done (those found done are let go). */
  running(): ResourceRequest[] {
    for (const request of this.#running) if (request.isDone()) this.#running.delete(request);
    return [...this.#running];
  }

  /** The request still running against a resource, if any. */
  activeRequest(typeName: string, identifier: string): ResourceRequest | undefined {
    return this.running().find((request) => request.typeName === typeName && request.identifier === identifier);
  }

  /**
   * Drops requests and client tokens past their lifetime. Both maps hold entries in the order they
   * were made, which is the service clock's order, so the walk stops at the first one still alive.
   */
  expire(now: number): void {
    for (const [token, request] of this.requests) {
      if (now - request.startedAt < REQUEST_TTL_MS) break;
      this.requests.delete(token);
      this.#running.delete(request);
    }
    for (const [token, use] of this.clientTokens) {
      if (now - use.at < CLIENT_TOKEN_TTL_MS) break;
      this.clientTokens.delete(token);
    }
  }
}

export class Store {
  readonly #regions = new Map<string, RegionState>();
  readonly #globalResources = new Map<string, Map<string, Map<string, JsonObject>>>();
  readonly #counters = new Map<string, Map<string, number>>();

  /** The state a call in `account`/`region` sees for `type` (global types share one table). */
  scope(account: string, region: string): RegionState {
    const key = `${account}/${region}`;
    let state = this.#regions.get(key);
    if (!state) {
      state = new RegionState(new GlobalAwareMap(this.#global(account)), this.#counter(account, region));
      this.#regions.set(key, state);
    }
    return state;
  }

  /**
   * Every table a call in `account`/`region` sees, by type name: the region's own and the account's
   * global ones (the Tagging API reads across types; global-types.ts says where each global one lives).
   */
  *tablesSeenFrom(account: string, region: string): Generator<[string, Map<string, JsonObject>]> {
    // The region's Map entries hold its regional tables only; global ones live in the account's map.
    yield* Map.prototype.entries.call(this.scope(account, region).resources);
    yield* this.#global(account).entries();
  }

  /** Settles every request due by `now`, earliest first, then forgets expired requests and tokens. */
  advance(now: number): void {
    const due: ResourceRequest[] = [];
    for (const state of this.#regions.values()) {
      for (const request of state.running()) if (request.dueAt === undefined || request.dueAt <= now) due.push(request);
    }
    due.sort((a, b) => (a.dueAt ?? now) - (b.dueAt ?? now));
    for (const request of due) request.advance(now);
    for (const state of this.#regions.values()) state.expire(now);
  }

  #global(account: string): Map<string, Map<string, JsonObject>> {
    let map = this.#globalResources.get(account);
    if (!map) {
      map = new Map();
      this.#globalResources.set(account, map);
    }
    return map;
  }

  #counter(account: string, region: string): Map<string, number> {
    const key = `${account}/${region}`;
    let map = this.#counters.get(key);
    if (!map) {
      map = new Map();
      this.#counters.set(key, map);
    }
    return map;
  }
}

/** Routes the tables of global types to the account-wide map, the rest stay regional. */
class GlobalAwareMap extends Map<string, Map<string, JsonObject>> {
  readonly #global: Map<string, Map<string, JsonObject>>;

  constructor(global: Map<string, Map<string, JsonObject>>) {
    super();
    this.#global = global;
  }

  override get(typeName: string): Map<string, JsonObject> | undefined {
    return isGlobal(typeName) ? this.#global.get(typeName) : super.get(typeName);
  }

  override set(typeName: string, table: Map<string, JsonObject>): this {
    if (isGlobal(typeName)) this.#global.set(typeName, table);
    else super.set(typeName, table);
    return this;
  }
}

/** Cloud Control's identifier: the primary identifier values joined with `|`. */
export function identifierOf(type: ResourceType, model: JsonObject): string | undefined {
  const parts = type.primaryIdentifier.map((property) => getAt(model, property));
  if (parts.some((part) => part === undefined || part === null)) return undefined;
  return parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('|');
}
