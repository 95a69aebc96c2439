/**
 * The columns of a resource table's writable view. StackQL pages write property columns in
 * PascalCase (`ImageRoleArn`, `MLFramework`) while ccsql reads them in snake_case (`image_role_arn`,
 * `ml_framework`); the view offers both, plus `region`, `account_id`, the hidden `Identifier` and the request
 * options Cloud Control takes (`ClientToken`, `RoleArn`, `TypeVersionId`, `PatchDocument`).
 *
 * `resource_model` takes a whole Properties document (JSON), for properties the catalog has no column
 * for yet; the named columns are merged over it.
 *
 * SQLite compares column names case-insensitively, so a name is offered once: the first claim wins
 * (parameters, then snake_case, then PascalCase, then options). A property called `RoleArn` therefore
 * keeps its PascalCase column and the request option of that name is not offered for that type.
 */

import type { JsonType, ResourceType } from '../catalog/types.js';
import { ACCOUNT_ID, layoutOf, RESOURCE_MODEL } from '../bridge/layout.js';

export const REQUEST_OPTIONS = ['ClientToken', 'RoleArn', 'TypeVersionId', 'PatchDocument'] as const;
export type RequestOption = (typeof REQUEST_OPTIONS)[number];

export type WriteColumn =
  | { readonly name: string; readonly role: 'region' | 'account' | 'identifier' | 'model' }
  | {
      readonly name: string;
      readonly role: 'property';
      readonly property: string;
      readonly type: JsonType;
      /** The read table's column the view takes this one from. */
      readonly source: string;
      /** The snake_case column a PascalCase one stands for (for messages). */
      readonly canonical: string;
    }
  | { readonly name: string; readonly role: 'option'; readonly option: RequestOption };

export type PropertyColumn = Extract<WriteColumn, { role: 'property' }>;

const memo = new WeakMap<ResourceType, readonly WriteColumn[]>();

export function writeColumnsOf(type: ResourceType): readonly WriteColumn[] {
  let columns = memo.get(type);
  if (!columns) memo.set(type, (columns = Object.freeze(build(type))));
  return columns;
}

function build(type: ResourceType): WriteColumn[] {
  const layout = layoutOf(type, 'full');
  const taken = new Set<string>();
  const out: WriteColumn[] = [];
  const claim = (column: WriteColumn): void => {
    if (taken.has(column.name.toLowerCase())) return;
    taken.add(column.name.toLowerCase());
    out.push(column);
  };
  claim({ name: 'region', role: 'region' });
  claim({ name: ACCOUNT_ID, role: 'account' });
  claim({ name: 'Identifier', role: 'identifier' });
  const jsonType = new Map(type.columns.map((c) => [c.property, c.type]));
  const readColumns = layout.visible;
  for (const c of readColumns) {
    claim({ name: c.name, role: 'property', property: c.property, type: jsonType.get(c.property) ?? 'string', source: c.name, canonical: c.name });
  }
  claim({ name: RESOURCE_MODEL, role: 'model' });
  for (const c of readColumns) {
    claim({ name: c.property, role: 'property', property: c.property, type: jsonType.get(c.property) ?? 'string', source: c.name, canonical: c.name });
  }
  for (const option of REQUEST_OPTIONS) claim({ name: option, role: 'option', option });
  return out;
}

/** The snake_case column of a property, for messages. */
export function columnOfProperty(type: ResourceType, property: string): string {
  const found = writeColumnsOf(type).find((c) => c.role === 'property' && c.property === property);
  return found?.role === 'property' ? found.canonical : property;
}
