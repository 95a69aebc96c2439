/**
 * Every type whose identifier may be all digits (each part of a compound one too), walked against
 * the endpoint through the real SDK: a resource seeded with such an identifier reads back with it as
 * text, and an UPDATE by it plans UpdateResource for exactly that identifier (a dry run: the plan is
 * where a changed identifier was refused; write-numeric-identifiers.test.ts sends and journals).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResourceType } from '../src/catalog/types.js';
import { propertySchema } from '../src/emulator/schema.js';
import { updatePathOf, writeOnlyNeeds } from '../src/write/write-only.js';
import { validateModel, validateValue } from '../src/emulator/validate.js';
import { seededRandom } from './support/random.js';
import { synthesise, synthesiseProperty } from './support/synthesise.js';
import { writeSession } from './support/writes.js';

const random = seededRandom(12345);
const DIGITS = ['12345', '0042', '7', '31337', '900'];

/** Digit strings for each identifier part, or undefined when a part's schema refuses them. */
function digitIdentifier(type: ResourceType): Record<string, string> | undefined {
  const parts: Record<string, string> = {};
  for (const [i, property] of type.primaryIdentifier.entries()) {
    if (property.includes('/') || !(property in type.schema.properties)) return undefined;
    const schema = propertySchema(type, property);
    const value = DIGITS.slice(i).concat(DIGITS).find((v) => validateValue(v, schema, type.schema, '#').length === 0);
    if (value === undefined) return undefined;
    parts[property] = value;
  }
  return parts;
}

/** A top-level property an UPDATE may change: not create-only, read-only, write-only or an identifier. */
function mutableProperty(type: ResourceType): string | undefined {
  const frozen = new Set([...type.createOnly, ...type.readOnly, ...type.writeOnly, ...type.primaryIdentifier, ...type.listKeys.required]);
  const nested = [...type.paths.createOnly, ...type.paths.readOnly, ...type.paths.writeOnly].map((p) => p.split('/')[2]);
  const candidates = Object.keys(type.schema.properties).filter((p) => !frozen.has(p) && !nested.includes(p));
  return candidates.find((p) => ['string', 'integer', 'boolean'].includes(String(type.schema.properties[p]!.type))) ?? candidates[0];
}

function sqlValue(value: unknown, column: string | undefined): unknown {
  if (column === 'object' || column === 'array' || typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'boolean' ? Number(value) : value;
}

test('every type whose identifier may be all digits reads it as text and updates by it', async () => {
  // A type no UPDATE can succeed on is refused before planning (write-write-only-walk.test.ts walks those).
  const types = [...defaultCatalog().all()].filter((type) => type.handlers.read && type.handlers.update && updatePathOf(type) !== 'not-updatable');
  const cases = types.flatMap((type) => {
    const id = digitIdentifier(type);
    const model = id && synthesise(type, { random });
    if (!model) return [];
    Object.assign(model, id);
    const property = mutableProperty(type);
    const value = property && synthesiseProperty(type, property, { avoid: model[property], random });
    // A schema-less property the catalog calls an object may be synthesised as a string; such a model is not a resource's.
    const misfit = type.columns.some((c) => (c.type === 'object' || c.type === 'array') && typeof model[c.property] === 'string');
    if (misfit || validateModel(type, model, { allowReadOnly: true }).length > 0 || value === undefined) return [];
    // What Cloud Control cannot read back but needs in every update is set again, as a user must.
    const carried = writeOnlyNeeds(type).map((n) => ({ column: type.columns.find((c) => c.property === n.property)!, value: model[n.property] }));
    return [{ type, model, identifier: type.primaryIdentifier.map((p) => id[p]).join('|'), property: property!, value, carried }];
  });
  // Sessions of 100 types each, side by side: a session's statements slow down as write views pile up.
  const failures: string[] = [];
  const chunks = Array.from({ length: Math.ceil(cases.length / 100) }, (_, i) => cases.slice(i * 100, i * 100 + 100));
  await Promise.all(chunks.map(async (chunk) => {
    const s = await writeSession({ resources: chunk.map((c) => ({ TypeName: c.type.typeName, Properties: c.model })) }, {}, { asyncPolls: 0 });
    try {
      for (const { type, identifier, property, value, carried } of chunk) {
        const where = `WHERE region = 'us-east-1' AND Identifier = '${identifier}'`;
        try {
          const read = await s.db.query(`SELECT Identifier, typeof(Identifier) AS t FROM ${type.sqlName} ${where}`);
          assert.deepEqual(read, [{ Identifier: identifier, t: 'text' }]);
          const column = type.columns.find((c) => c.property === property)!;
          const set = [`"${column.name}" = ?`, ...carried.map((c) => `"${c.column.name}" = ?`)].join(', ');
          const values = [sqlValue(value, column.type), ...carried.map((c) => sqlValue(c.value, c.column.type))];
          const planned = await s.db.execute(`UPDATE ${type.sqlName} SET ${set} ${where}`, values, { dryRun: true });
          assert.deepEqual(planned.plan?.map((p) => [p.operation, p.identifier]), [['UPDATE', identifier]]);
        } catch (error) {
          failures.push(`${type.typeName} ${identifier}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    } finally {
      await s.close();
    }
  }));
  console.log(`${cases.length} types with all-digit identifiers walked (${cases.filter((c) => c.identifier.includes('|')).length} compound)`);
  assert.deepEqual(failures, []);
  assert.ok(cases.length > 100, `${cases.length} types`);
});
