/**
 * UpdateResource. Cloud Control reads the resource and checks the patch before it hands the request to
 * the handler, so a missing resource, a bad patch, a create-only path (NotUpdatableException) and a
 * read-only path (InvalidRequestException) are refused at once. The patch applies to the model as a
 * read returns it, without write-only properties, and the result is validated like a create's
 * DesiredState: a type whose required property is write-only needs the patch to send it again, or the
 * update is a ValidationException (pulumi/pulumi-aws-native#1866 quotes AWS answering an
 * UpdateResource with "Model validation failed (#: required key [DomainIdentifier] not found …").
 * Write-only values the patch does not send are kept, as a real resource keeps them.
 */
import type { ResourceType } from '../../catalog/types.js';
import { applyPatch, parsePatch, PatchError, pointerSegments, type PatchOperation } from '../patch.js';
import { pathCovers, schemaPathSegments } from '../pointer.js';
import type { Outcome } from '../requests.js';
import type { ServiceContext } from '../context.js';
import { optionalString, requireString } from '../members.js';
import type { CallContext, JsonObject } from '../types.js';
import { validateModel, validationMessage } from '../validate.js';
import { errors, ServiceError } from '../wire.js';
import { ensureNotBusy, fingerprint, notFound, replay, submit } from './common.js';
import { readable } from './get.js';

export function updateResource(service: ServiceContext, body: JsonObject, ctx: CallContext): JsonObject {
  const type = service.typeFor(body, 'update');
  const identifier = requireString(body, 'Identifier');
  const patchText = requireString(body, 'PatchDocument');
  const state = service.scope(ctx);
  const clientToken = optionalString(body, 'ClientToken');
  const print = fingerprint('UpdateResource', body);
  const previous = replay(state, clientToken, print);
  if (previous) return { ProgressEvent: previous };

  const table = state.table(type.typeName);
  const current = table.get(identifier);
  if (!current) throw errors.notFound(type.typeName, identifier);
  ensureNotBusy(state, type.typeName, identifier);
  const operations = patchOperations(patchText);
  checkPaths(type, operations);
  const patched = patchModel(readable(type, current), operations);
  const problems = validateModel(type, patched, { allowReadOnly: true });
  if (problems.length > 0) throw errors.validation(validationMessage(problems));
  const stored = { ...keptWriteOnly(type, current), ...patched };
  const settle = (): Outcome => {
    if (!table.has(identifier)) return notFound(type.typeName, identifier);
    table.set(identifier, stored);
    return { ok: true, identifier, resourceModel: JSON.stringify(readable(type, stored)) };
  };
  const event = submit(service, state, {
    typeName: type.typeName,
    operation: 'UPDATE',
    identifier,
    showIdentifier: true,
    resourceModel: JSON.stringify(readable(type, patched)),
    clientToken,
    fingerprint: print,
    settle,
  });
  return { ProgressEvent: event };
}

/** The top-level write-only values of the stored resource, which a read does not show. */
function keptWriteOnly(type: ResourceType, current: JsonObject): JsonObject {
  return Object.fromEntries(type.writeOnly.filter((property) => current[property] !== undefined).map((property) => [property, current[property]]));
}

function patchOperations(text: string): PatchOperation[] {
  try {
    return parsePatch(text);
  } catch (error) {
    if (error instanceof PatchError) throw errors.invalid(`Invalid patch document: ${error.message}`);
    throw error;
  }
}

function patchModel(current: JsonObject, operations: PatchOperation[]): JsonObject {
  try {
    return applyPatch(current, operations);
  } catch (error) {
    if (error instanceof PatchError) throw errors.invalid(`Invalid patch update: ${error.message}`);
    throw error;
  }
}

/** A patch may not touch a create-only or read-only path, or anything beneath one. */
function checkPaths(type: ResourceType, operations: PatchOperation[]): void {
  const touched = operations.flatMap((op) => [op.path, ...(op.op === 'move' && op.from ? [op.from] : [])]);
  const hits = (paths: readonly string[]) =>
    paths.filter((path) => {
      const schema = schemaPathSegments(path);
      return touched.some((pointer) => {
        const segments = pointerSegments(pointer);
        return segments.length >= schema.length && pathCovers(schema, segments);
      });
    });
  const createOnly = hits(type.paths.createOnly);
  if (createOnly.length > 0) {
    throw new ServiceError(
      'NotUpdatableException',
      `Invalid patch update: createOnlyProperties [${createOnly.join(', ')}] cannot be updated`,
    );
  }
  const readOnly = hits(type.paths.readOnly);
  if (readOnly.length > 0) {
    throw errors.invalid(`Invalid patch update: readOnlyProperties [${readOnly.join(', ')}] cannot be updated`);
  }
}
