/**
 * The AWS CDK's service specification (`@aws-cdk/aws-service-spec`, a devDependency) as a catalog
 * supplement: the properties and attributes each type has there but not in the registry schema
 * snapshot, and every property's `relationshipRefs` (this property holds that type's Arn).
 *
 * Read through the package's own loader (`loadAwsServiceSpec`, which gunzips its db.json.gz into a
 * `@aws-cdk/service-spec-types` database) at generation time only: nothing under src/ imports it,
 * so the published ccsql never loads it.
 */

import { createRequire } from 'node:module';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { Attribute, Property, PropertyType, RelationshipRef } from '@aws-cdk/service-spec-types';
import type { Supplement, SupplementProperty, TypeSupplement } from '../src/catalog/supplement.js';
import type { JsonSchema, JsonType, Reference } from '../src/catalog/types.js';

export const SERVICE_SPEC_PACKAGE = '@aws-cdk/aws-service-spec';

export function serviceSpecVersion(): string {
  const require = createRequire(import.meta.url);
  return (require(`${SERVICE_SPEC_PACKAGE}/package.json`) as { version: string }).version;
}

export async function loadServiceSpecSupplement(): Promise<Supplement> {
  const db = await loadAwsServiceSpec();
  const types = new Map<string, TypeSupplement>();
  for (const resource of db.all('resource')) {
    const properties: SupplementProperty[] = [];
    const refersTo: Record<string, Reference[]> = {};
    for (const [name, property] of Object.entries(resource.properties)) {
      if (property.deprecated === 'IGNORE') continue;
      properties.push(fromProperty(name, property));
      const refs = referencesOf(property.relationshipRefs);
      if (refs.length > 0) refersTo[name] = refs;
    }
    // Nested attributes (`Endpoint.Address`) are parts of a top-level property, not columns.
    for (const [name, attribute] of Object.entries(resource.attributes)) {
      if (!name.includes('.') && !(name in resource.properties)) properties.push(fromAttribute(name, attribute));
    }
    types.set(resource.cloudFormationType, { properties, refersTo });
  }
  return { input: `${SERVICE_SPEC_PACKAGE}@${serviceSpecVersion()}`, source: 'service-spec', types };
}

function fromProperty(name: string, property: Property): SupplementProperty {
  return {
    property: name,
    ...typed(property.type),
    ...(property.documentation ? { description: firstParagraph(property.documentation) } : {}),
    ...(property.causesReplacement === 'yes' ? { createOnly: true } : {}),
  };
}

function fromAttribute(name: string, attribute: Attribute): SupplementProperty {
  return {
    property: name,
    ...typed(attribute.type),
    ...(attribute.documentation ? { description: firstParagraph(attribute.documentation) } : {}),
    readOnly: true,
  };
}

function typed(type: PropertyType): { type: JsonType; schema: JsonSchema } {
  const json = jsonTypeOf(type);
  return { type: json, schema: json === 'object' && (type.type === 'json' || type.type === 'union') ? {} : { type: json } };
}

function jsonTypeOf(type: PropertyType): JsonType {
  switch (type.type) {
    case 'string':
    case 'date-time':
    case 'null':
      return 'string';
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
      return type.type;
    case 'union':
      return type.types[0] ? jsonTypeOf(type.types[0]) : 'object';
    default:
      return 'object';
  }
}

function referencesOf(refs: readonly RelationshipRef[] | undefined): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const ref of refs ?? []) {
    const key = `${ref.cloudFormationType}.${ref.propertyName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ typeName: ref.cloudFormationType, property: ref.propertyName });
  }
  return out;
}

/** The spec's documentation is markdown pages; a column's description is its first paragraph. */
function firstParagraph(markdown: string): string {
  return markdown.split(/\n\s*\n/)[0]!.trim();
}
