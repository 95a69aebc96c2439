/** Reading a folder of registry schemas (the generator's input), in a stable order. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CcsqlError } from '../errors.js';
import { isRegistrySchema } from './build.js';
import type { RegistrySchema } from './generate.js';

export function readSchemaDir(dir: string): RegistrySchema[] {
  const schemas: RegistrySchema[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (cause) {
      throw new CcsqlError('INVALID_ARGUMENT', `Schema file "${file}" is not valid JSON.`, {}, { cause });
    }
    if (isRegistrySchema(parsed)) schemas.push(parsed);
  }
  return schemas;
}
