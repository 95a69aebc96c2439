/**
 * CreateResource. A malformed DesiredState is refused at once; schema violations, like a duplicate
 * identifier, surface as a FAILED event (ErrorCode InvalidRequest / AlreadyExists) because on AWS it is
 * the resource handler, running asynchronously, that rejects them.
 */
import type { ResourceType } from '../../catalog/types.js';
import { generateValues } from '../identifiers.js';
import type { Outcome } from '../requests.js';
import { optionalString, requireString, type CloudControlService } from '../service.js';
import { identifierOf, type RegionState } from '../store.js';
import type { CallContext, JsonObject } from '../types.js';
import { validateModel, validationMessage } from '../validate.js';
import { alreadyExists, fingerprint, parseModel, replay, submit } from './common.js';

export function createResource(service: CloudControlService, body: JsonObject, ctx: CallContext): JsonObject {
  const type = service.typeFor(body, 'create');
  const desired = parseModel(requireString(body, 'DesiredState'), 'DesiredState');
  const state = service.scope(ctx);
  const clientToken = optionalString(body, 'ClientToken');
  const print = fingerprint('CreateResource', body);
  const previous = replay(state, clientToken, print);
  if (previous) return { ProgressEvent: previous };

  const problems = validateModel(type, desired);
  const model = structuredClone(desired);
  if (problems.length === 0) generateValues(type, model, { ...ctx, random: service.options.random, nextNumber: (k) => state.nextNumber(k) });
  const identifier = problems.length === 0 ? identifierOf(type, model) : undefined;
  const settle = (): Outcome => {
    if (problems.length > 0) return { ok: false, errorCode: 'InvalidRequest', message: validationMessage(problems) };
    if (identifier === undefined) {
      return { ok: false, errorCode: 'InternalFailure', message: 'The resource has no primary identifier.' };
    }
    return store(type, state, identifier, model);
  };
  const event = submit(service, state, {
    typeName: type.typeName,
    operation: 'CREATE',
    identifier,
    showIdentifier: false,
    clientToken,
    fingerprint: print,
    settle,
  });
  return { ProgressEvent: event };
}

/** Stores a created resource unless its identifier (or an additional identifier) is taken. */
export function store(type: ResourceType, state: RegionState, identifier: string, model: JsonObject): Outcome {
  const table = state.table(type.typeName);
  if (table.has(identifier)) return alreadyExists(type.typeName, identifier);
  for (const keys of type.additionalIdentifiers) {
    const values = JSON.stringify(keys.map((key) => model[key]));
    if (keys.some((key) => model[key] === undefined)) continue;
    for (const existing of table.values()) {
      if (JSON.stringify(keys.map((key) => existing[key])) === values) return alreadyExists(type.typeName, identifier);
    }
  }
  table.set(identifier, model);
  return { ok: true, identifier };
}
