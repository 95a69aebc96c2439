/**
 * GetResource: every property but the write-only ones, which AWS never returns. A resource created
 * less than `settleMs` ago is not found yet (faults/settle.ts).
 */
import type { ResourceType } from '../../catalog/types.js';
import { isVisible } from '../faults/settle.js';
import { deepClone, removePath, schemaPathSegments } from '../pointer.js';
import type { ServiceContext } from '../context.js';
import { requireString } from '../members.js';
import type { CallContext, JsonObject } from '../types.js';
import { errors } from '../wire.js';

export function getResource(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const type = service.typeFor(body, 'read');
  const identifier = requireString(body, 'Identifier');
  const model = service.scope(ctx).table(type.typeName).get(identifier);
  if (!model || !isVisible(model, service.options.clock())) throw errors.notFound(type.typeName, identifier);
  return {
    TypeName: type.typeName,
    ResourceDescription: { Identifier: identifier, Properties: JSON.stringify(readable(type, model)) },
  };
}

/** A copy of `model` as a read handler returns it. */
export function readable(type: ResourceType, model: JsonObject): JsonObject {
  const copy = deepClone(model);
  for (const property of type.writeOnly) delete copy[property];
  for (const path of type.paths.writeOnly) removePath(copy, schemaPathSegments(path));
  return copy;
}
