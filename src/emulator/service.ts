/**
 * Cloud Control without HTTP: takes an operation name, a parsed body and the caller's account and
 * region, answers with the output body or throws a ServiceError. The server and in-process tests
 * both go through here. Before any operation runs, the request's members are checked against the
 * API's limits and every resource request that is due by the service clock settles.
 */
import type { HandlerName, ResourceType } from '../catalog/types.js';
import type { ServiceContext, ServiceOptions } from './context.js';
import { checkInput } from './input-limits.js';
import { requireString } from './members.js';
import { OPERATION_HANDLERS } from './operations/index.js';
import { Store, type RegionState } from './store.js';
import type { CallContext, JsonObject } from './types.js';
import { errors } from './wire.js';

export type { ServiceOptions } from './context.js';

const ACTION_NAMES: Record<HandlerName, string> = {
  create: 'CREATE',
  read: 'READ',
  update: 'UPDATE',
  delete: 'DELETE',
  list: 'LIST',
};

export class CloudControlService implements ServiceContext {
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
    checkInput(op, body);
    this.store.advance(this.options.clock());
    return handler(this, body, ctx);
  }

  scope(ctx: CallContext): RegionState {
    return this.store.scope(ctx.account, ctx.region);
  }

  typeFor(body: JsonObject, action: HandlerName): ResourceType {
    const typeName = requireString(body, 'TypeName');
    const type = this.options.catalog.byTypeName(typeName);
    if (!type) throw errors.typeNotFound(typeName);
    if (!type.handlers[action]) throw errors.unsupported(typeName, ACTION_NAMES[action]);
    return type;
  }
}
