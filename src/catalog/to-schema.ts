/**
 * A catalog entry back as a registry schema, for the emulator's DescribeType: what the generator
 * reads (properties with their descriptions, identifiers, markers, handlers with the list
 * handler's keys, tagging), so that generating from it gives the entry again. The catalog keeps no
 * more of the original schema (nested descriptions, `$comment`s), and DescribeType needs no more.
 */

import type { RegistrySchema } from './generate.js';
import type { JsonSchema, ResourceType } from './types.js';

export function toRegistrySchema(type: ResourceType): RegistrySchema {
  const described = new Map(type.columns.map((c) => [c.property, c.description]));
  const properties: Record<string, JsonSchema> = {};
  for (const column of type.columns) {
    const schema = type.schema.properties[column.property] ?? {};
    const description = described.get(column.property);
    properties[column.property] = description !== undefined ? { description, ...schema } : schema;
  }
  const pointer = (path: string) => `/properties/${path}`;
  const alternatives = type.requiredAlternatives.map((required) => ({ required: [...required] }));
  return {
    typeName: type.typeName,
    description: type.description,
    properties,
    ...(type.schema.definitions ? { definitions: structuredClone(type.schema.definitions) as Record<string, JsonSchema> } : {}),
    ...(type.schema.additionalProperties !== undefined ? { additionalProperties: type.schema.additionalProperties } : {}),
    ...(type.required.length > 0 ? { required: [...type.required] } : {}),
    ...(alternatives.length > 0 ? { oneOf: alternatives } : {}),
    primaryIdentifier: type.primaryIdentifier.map(pointer),
    ...(type.additionalIdentifiers.length > 0 ? { additionalIdentifiers: type.additionalIdentifiers.map((set) => set.map(pointer)) } : {}),
    readOnlyProperties: [...type.paths.readOnly],
    createOnlyProperties: [...type.paths.createOnly],
    writeOnlyProperties: [...type.paths.writeOnly],
    handlers: handlersOf(type),
    ...(type.tagging ? { tagging: { ...type.tagging, ...(type.tagging.tagProperty ? { tagProperty: pointer(type.tagging.tagProperty) } : {}) } } : {}),
  };
}

function handlersOf(type: ResourceType): NonNullable<RegistrySchema['handlers']> {
  const handlers: NonNullable<RegistrySchema['handlers']> = {};
  for (const [name, handler] of Object.entries(type.handlers)) {
    handlers[name] = { permissions: [...handler.permissions], ...(handler.timeoutInMinutes !== undefined ? { timeoutInMinutes: handler.timeoutInMinutes } : {}) };
  }
  const { required, optional, alternatives } = type.listKeys;
  if (handlers.list && required.length + optional.length > 0) {
    handlers.list.handlerSchema = {
      properties: Object.fromEntries([...required, ...optional].map((p) => [p, { $ref: `resource-schema.json#/properties/${p}` }])),
      ...(required.length > 0 ? { required: [...required] } : {}),
      ...(alternatives ? { oneOf: alternatives.map((set) => ({ required: [...set] })) } : {}),
    };
  }
  return handlers;
}
