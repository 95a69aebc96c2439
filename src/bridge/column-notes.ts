/**
 * What DESCRIBE and `ccsql docs` say about a column beyond its type: where it came from (the
 * registry schema, the AWS CDK's service specification, the user's account) and which table's
 * column it holds a value of (`refers to awscc.iam.roles.arn`), so a user sees how to join.
 */

import type { Catalog } from '../catalog/index.js';
import type { Column, ResourceType } from '../catalog/types.js';

export function sourceOf(type: ResourceType, column: Column | undefined): string {
  const source = column?.source ?? 'registry';
  if (source === 'service-spec') return 'AWS CDK service spec';
  if (source === 'account' && type.origin) {
    const date = type.origin.lastUpdated ? `, ${type.origin.lastUpdated.slice(0, 10)}` : '';
    return `account registry (${type.origin.region}${date})`;
  }
  return source === 'account' ? 'account registry' : 'registry schema';
}

/** `awscc.iam.roles.arn`, one per reference; the CloudFormation name where no table has the type. */
export function referencesOf(catalog: Catalog, column: Column | undefined): string {
  return (column?.refersTo ?? [])
    .map((ref) => {
      const target = catalog.byTypeName(ref.typeName);
      const name = target?.columns.find((c) => c.property === ref.property)?.name;
      return target && name ? `${target.sqlName}.${name}` : `${ref.typeName}.${ref.property}`;
    })
    .join(', ');
}

export const RESOURCE_MODEL_NOTE = 'Hidden: the whole Properties document Cloud Control returned (JSON), properties the catalog lacks included.';
