/**
 * DeleteResource. The delete handler is what finds the resource missing, so that case is a FAILED
 * event with ErrorCode NotFound, not an exception.
 */
import type { Outcome } from '../requests.js';
import type { ServiceContext } from '../context.js';
import { optionalString, requireString } from '../members.js';
import type { CallContext, JsonObject } from '../types.js';
import { ensureNotBusy, fingerprint, notFound, replay, submit } from './common.js';

export function deleteResource(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const type = service.typeFor(body, 'delete');
  const identifier = requireString(body, 'Identifier');
  const state = service.scope(ctx);
  const clientToken = optionalString(body, 'ClientToken');
  const print = fingerprint('DeleteResource', body);
  const previous = replay(state, clientToken, print);
  if (previous) return { ProgressEvent: previous };

  ensureNotBusy(state, type.typeName, identifier);
  const table = state.table(type.typeName);
  const settle = (): Outcome => {
    if (!table.delete(identifier)) return notFound(type.typeName, identifier);
    return { ok: true, identifier };
  };
  const event = submit(service, state, {
    typeName: type.typeName,
    operation: 'DELETE',
    identifier,
    showIdentifier: true,
    clientToken,
    fingerprint: print,
    settle,
  });
  return { ProgressEvent: event };
}
