/** Pieces every write operation shares: JSON members, client tokens, request submission. */
import { isObject } from '../pointer.js';
import { ResourceRequest, type RequestSpec } from '../requests.js';
import type { ServiceContext } from '../context.js';
import type { RegionState } from '../store.js';
import type { JsonObject, ProgressEvent } from '../types.js';
import { errors, ServiceError } from '../wire.js';
import { throttledByHandler } from '../faults/handler-throttle.js';

/** `DesiredState`, `ResourceModel`… arrive as JSON strings inside the JSON body. */
export function parseModel(text: string, member: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.invalid(`${member} is not a valid JSON document`);
  }
  if (!isObject(parsed)) throw errors.invalid(`${member} must be a JSON object`);
  return parsed;
}

/** What makes two writes "the same request" for ClientToken reuse. */
export function fingerprint(op: string, body: JsonObject): string {
  const members = ['TypeName', 'Identifier', 'DesiredState', 'PatchDocument', 'RoleArn', 'TypeVersionId'];
  return JSON.stringify([op, ...members.map((member) => body[member] ?? null)]);
}

/**
 * A ClientToken seen before gives back its request when the request is the same, and a conflict
 * otherwise; undefined means the token is new.
 */
export function replay(state: RegionState, clientToken: string | undefined, print: string): ProgressEvent | undefined {
  if (clientToken === undefined) return undefined;
  const use = state.clientTokens.get(clientToken);
  const request = use === undefined ? undefined : state.requests.get(use.requestToken);
  if (!request) return undefined;
  if (request.fingerprint !== print) {
    throw new ServiceError(
      'ClientTokenConflictException',
      `Client token ${clientToken} was already used for a different request`,
    );
  }
  return request.event;
}

export function ensureNotBusy(state: RegionState, typeName: string, identifier: string): void {
  if (state.activeRequest(typeName, identifier)) {
    throw new ServiceError(
      'ConcurrentOperationException',
      'Another resource operation is currently being performed on this resource.',
    );
  }
}

export function submit(service: ServiceContext, state: RegionState, spec: RequestSpec): ProgressEvent {
  const { asyncMs, asyncPolls, retryAfterMs, clock } = service.options;
  const startedAt = clock();
  const faults = service.options.faults;
  const settle = (at: number) => throttledByHandler(faults, spec.typeName) ?? spec.settle(at);
  const request = new ResourceRequest({ ...spec, settle }, { startedAt, asyncMs, asyncPolls, retryAfterMs });
  state.addRequest(request);
  if (spec.clientToken !== undefined) state.clientTokens.set(spec.clientToken, { requestToken: request.token, at: startedAt });
  return request.event;
}

export function alreadyExists(typeName: string, identifier: string) {
  return {
    ok: false as const,
    errorCode: 'AlreadyExists',
    message: `Resource of type '${typeName}' with identifier '${identifier}' already exists.`,
  };
}

export function notFound(typeName: string, identifier: string) {
  return {
    ok: false as const,
    errorCode: 'NotFound',
    message: `Resource of type '${typeName}' with identifier '${identifier}' was not found.`,
  };
}
