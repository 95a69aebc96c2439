/**
 * Cloud Control without HTTP: takes an operation name, a parsed body and the caller's account and
 * region, answers with the output body or throws a ServiceError. The server and in-process tests
 * both go through here.
 */
import type { HandlerName, ResourceType } from '../catalog/types.js';
import { OPERATION_HANDLERS } from './operations/index.js';
import { Store, type RegionState } from './store.js';
import type { CallContext, CatalogLike, JsonObject } from './types.js';
import { errors } from './wire.js';

export interface ServiceOptions {
  readonly catalog: CatalogLike;
  readonly asyncPolls: number;
  readonly retryAfterMs: number;
  readonly random: () => number;
}

const ACTION_NAMES: Record<HandlerName, string> = {
  create: 'CREATE',
  read: 'READ',
  update: 'UPDATE',
  delete: 'DELETE',
  list: 'LIST',
};

export class CloudControlService {
  readonly store = new Store();
  readonly options: ServiceOptions;

  constructor(options: ServiceOptions) {
    this.options = options;
  }

  isOperation(op: string): boolean {
    return Object.hasOwn(OPERATION_HANDLERS, op);
  }

  handle(op: string, body: JsonObject, ctx: CallContext): JsonObject {
    const handler = OPERATION_HANDLERS[op];
    if (!handler) throw errors.unknownOperation(op);
    return handler(this, body, ctx);
  }

  scope(ctx: CallContext): RegionState {
    return this.store.scope(ctx.account, ctx.region);
  }

  /** The type named in a request that must support `action`; AWS's exceptions otherwise. */
  typeFor(body: JsonObject, action: HandlerName): ResourceType {
    const typeName = requireString(body, 'TypeName');
    const type = this.options.catalog.byTypeName(typeName);
    if (!type) throw errors.typeNotFound(typeName);
    if (!type.handlers[action]) throw errors.unsupported(typeName, ACTION_NAMES[action]);
    return type;
  }
}

/** Members the service model marks required; AWS answers a missing one with ValidationException. */
export function requireString(body: JsonObject, member: string): string {
  const value = body[member];
  if (typeof value !== 'string' || value === '') {
    const field = member.charAt(0).toLowerCase() + member.slice(1);
    throw errors.validation(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function optionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  return typeof value === 'string' ? value : undefined;
}
