/**
 * StackQL pages build patches with `{{ {...} | generate_patch_document }}` and `--var` values, which
 * arrive as text: `"RetentionInDays": "60"`, `"Horovod": "true"`. StackQL sends them so, and Cloud
 * Control rejects them against the schema; ccsql gives each patch value the type the property's
 * schema declares, where the text is unambiguously that type (`"60"` for an integer, `"true"` for a
 * boolean). Anything else is sent as written, for the schema checks to judge.
 */

import type { JsonSchema, ResourceType } from '../catalog/types.js';
import type { PatchOperation } from './diff.js';

export function typePatchValues(type: ResourceType, ops: readonly PatchOperation[]): PatchOperation[] {
  return ops.map((op) => {
    if (!('value' in op) || typeof op.value !== 'string') return op;
    const schema = schemaAt(type, op.path);
    const value = schema ? typed(op.value, schemaTypes(type, schema)) : op.value;
    return value === op.value ? op : { ...op, value };
  });
}

function typed(text: string, types: readonly string[]): unknown {
  if (types.includes('string')) return text;
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('integer') && /^-?\d+$/.test(text)) return Number(text);
  if (types.includes('number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function schemaTypes(type: ResourceType, schema: JsonSchema): string[] {
  const resolved = deref(type, schema);
  return resolved?.type === undefined ? [] : Array.isArray(resolved.type) ? resolved.type : [resolved.type];
}

function deref(type: ResourceType, schema: JsonSchema | undefined): JsonSchema | undefined {
  for (let hops = 0; schema?.$ref && hops < 20; hops += 1) schema = type.schema.definitions?.[schema.$ref.replace(/^#\/definitions\//, '')];
  return schema;
}

/** The schema of the property a JSON pointer names (`/Tags/0/Value`, `/LoggingConfig/Enabled`). */
function schemaAt(type: ResourceType, pointer: string): JsonSchema | undefined {
  const [first, ...rest] = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema = deref(type, type.schema.properties[first ?? '']);
  for (const segment of rest) {
    if (!schema) return undefined;
    schema = deref(type, /^(\d+|-)$/.test(segment) && schema.items ? schema.items : schema.properties?.[segment]);
  }
  return schema;
}
