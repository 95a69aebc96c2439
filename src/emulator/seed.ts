/**
 * Preloading resources: `{"resources":[{"TypeName":…,"Region":…,"Properties":{…}}]}`. Read-only
 * properties may be given (a seed often copies a real resource); missing ones are generated as a
 * create would generate them.
 */
import { readFileSync } from 'node:fs';
import { CcsqlError } from '../errors.js';
import { generateValues } from './identifiers.js';
import { store, type TakenValues } from './operations/create.js';
import { isObject } from './pointer.js';
import type { CloudControlService } from './service.js';
import { identifierOf } from './store.js';
import type { SeedDocument } from './types.js';
import { validateModel, validationMessage } from './validate.js';

export const DEFAULT_SEED_REGION = 'us-east-1';

export function readSeedFile(path: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `Seed file "${path}" cannot be read: ${(error as Error).message}`, {}, { cause: error });
  }
  try {
    return JSON.parse(text) as SeedDocument;
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `Seed file "${path}" is not valid JSON.`, {}, { cause: error });
  }
}

export function applySeed(service: CloudControlService, doc: SeedDocument, defaultAccount: string): void {
  if (!isObject(doc) || !Array.isArray(doc.resources)) {
    throw new CcsqlError('INVALID_ARGUMENT', 'A seed document must be an object with a "resources" array.');
  }
  const taken: TakenValues = new Map();
  doc.resources.forEach((entry, index) => {
    const where = `Seed resource ${index}`;
    if (!isObject(entry) || typeof entry.TypeName !== 'string' || !isObject(entry.Properties)) {
      throw new CcsqlError('INVALID_ARGUMENT', `${where} needs a "TypeName" string and a "Properties" object.`);
    }
    const type = service.options.catalog.byTypeName(entry.TypeName);
    if (!type) throw new CcsqlError('INVALID_ARGUMENT', `${where} names an unknown type "${entry.TypeName}".`);
    const problems = validateModel(type, entry.Properties, { allowReadOnly: true });
    if (problems.length > 0) {
      throw new CcsqlError('INVALID_ARGUMENT', `${where} ("${type.typeName}") is invalid: ${validationMessage(problems)}`);
    }
    const region = typeof entry.Region === 'string' ? entry.Region : DEFAULT_SEED_REGION;
    const account = typeof entry.Account === 'string' ? entry.Account : defaultAccount;
    const state = service.store.scope(account, region);
    const model = structuredClone(entry.Properties);
    const { random, clock } = service.options;
    generateValues(type, model, { region, account, random, now: clock, nextNumber: (k) => state.nextNumber(k) });
    const identifier = identifierOf(type, model);
    const outcome = identifier === undefined ? undefined : store(type, state, identifier, model, taken);
    if (!outcome?.ok) {
      throw new CcsqlError('INVALID_ARGUMENT', `${where} ("${type.typeName}") duplicates an existing resource or has no identifier.`);
    }
  });
}
