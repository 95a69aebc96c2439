/**
 * What DESCRIBE says of each column beyond its JSON type: the part it plays for Cloud Control, from
 * the schema's primaryIdentifier, the list handler's keys, required, readOnlyProperties,
 * createOnlyProperties and writeOnlyProperties.
 */

import type { ResourceType } from '../catalog/types.js';

/** Comma-separated words: `identifier`, `identifier (1 of 2)`, `list key`, `required`, … */
export function columnRoles(type: ResourceType, property: string): string {
  const roles: string[] = [];
  const part = type.primaryIdentifier.findIndex((p) => p === property || p.split('/')[0] === property);
  if (part >= 0) roles.push(type.primaryIdentifier.length > 1 ? `identifier (${part + 1} of ${type.primaryIdentifier.length})` : 'identifier');
  if (type.listKeys.required.includes(property)) roles.push('list key');
  else if (type.listKeys.optional.includes(property)) roles.push('list key (optional)');
  if (type.required.includes(property)) roles.push('required');
  if (type.readOnly.includes(property)) roles.push('read-only');
  if (type.createOnly.includes(property)) roles.push('create-only');
  if (type.writeOnly.includes(property)) roles.push('write-only');
  return roles.join(', ');
}
