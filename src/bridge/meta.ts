/**
 * StackQL's metadata statements, answered from the catalog without any call:
 *
 *   SHOW SERVICES IN awscc [LIKE 'pat']
 *   SHOW RESOURCES IN awscc.<service> [LIKE 'pat']
 *   SHOW METHODS IN awscc.<service>.<resource>
 *   DESCRIBE [EXTENDED] awscc.<service>.<resource>
 */

import type { Catalog } from '../catalog/index.js';
import type { ResourceType } from '../catalog/types.js';
import type { StatementResult } from '../shapes.js';
import type { ParsedStatement } from '../sql/statement.js';
import { unquote } from '../sql/tokenize.js';
import { unknownTable } from './messages.js';
import { nearestTable } from './prepare.js';
import { columnRoles } from './column-roles.js';
import { columnNameOf, layoutOf, schemaOrder } from './layout.js';
import { GENERIC_TABLES } from './generic-tables.js';
import { STACKQL_VIEWS } from './stackql-views.js';
import { RESOURCE_MODEL_NOTE, referencesOf, sourceOf } from './column-notes.js';

/** Answers a statement of kind `meta`. */
export function runMeta(statement: ParsedStatement, catalog: Catalog): StatementResult {
  const words = statement.meaningful.map((i) => statement.tokens[i]!).map((t) => (t.kind === 'string' ? t : { ...t, text: unquote(t) }));
  const upper = words.map((t) => t.text.toUpperCase());
  const likeAt = upper.indexOf('LIKE');
  const like = likeAt >= 0 ? likePattern(words[likeAt + 1]?.text ?? "'%'") : undefined;
  const nameAfter = (at: number) => words.slice(at).filter((t) => t.text !== ';' && t.text.toUpperCase() !== 'LIKE').map((t) => t.text).join('').split(/LIKE/i)[0]!;
  if (upper[0] === 'SHOW' && upper[1] === 'SERVICES') return services(catalog, like);
  if (upper[0] === 'SHOW' && upper[1] === 'RESOURCES') return resources(catalog, nameAfter(3).replace(/'.*$/, ''), like);
  if (upper[0] === 'SHOW' && upper[1] === 'METHODS') return methods(typeOf(catalog, nameAfter(3)));
  if (upper[0] === 'DESCRIBE' || upper[0] === 'DESC') {
    const extended = upper[1] === 'EXTENDED';
    return describe(catalog, nameAfter(extended ? 2 : 1), extended);
  }
  return result(['message'], [['Unknown metadata statement: use SHOW SERVICES, SHOW RESOURCES, SHOW METHODS or DESCRIBE.']]);
}

function likePattern(literal: string): RegExp {
  const body = literal.replace(/^'|'$/g, '').replace(/''/g, "'");
  const source = body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

function result(columns: string[], rows: unknown[][]): StatementResult {
  return { columns, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null]))), changes: 0, rounds: 1 };
}

function services(catalog: Catalog, like?: RegExp): StatementResult {
  const names = [...catalog.services(), 'cloud_control'].sort().filter((s) => !like || like.test(s));
  return result(['id', 'name', 'title'], names.map((s) => [`${s}:v00.00.00000`, s, s]));
}

function resources(catalog: Catalog, prefix: string, like?: RegExp): StatementResult {
  const service = prefix.toLowerCase().split('.').at(-1) ?? '';
  const rows: unknown[][] = catalog.resourcesOf(service).flatMap(({ sqlName, typeName }) => {
    const name = sqlName.split('.').at(-1)!;
    const type = catalog.byTypeName(typeName);
    const listOnly = type?.handlers.list ? [[`${name}_list_only`, `${sqlName}_list_only`, `Lists ${typeName} identifiers only.`]] : [];
    return [[name, sqlName, type?.description ?? typeName], ...listOnly];
  });
  const generic = [...GENERIC_TABLES.map((t) => ({ name: t.names[0]!, description: t.description })), ...STACKQL_VIEWS]
    .filter((t) => t.name.split('.')[1] === service)
    .map((t) => [t.name.split('.').at(-1), t.name, t.description]);
  return result(['name', 'id', 'description'], [...rows, ...generic].filter((r) => !like || like.test(String(r[0]))));
}

function typeOf(catalog: Catalog, name: string): ResourceType {
  const resolved = catalog.resolve(name.trim());
  if (!resolved) throw unknownTable(name.trim(), nearestTable(name.trim(), catalog));
  return resolved.type;
}

function methods(type: ResourceType): StatementResult {
  const column = (p: string) => type.columns.find((c) => c.property === p)?.name ?? p;
  const rows: unknown[][] = [];
  if (type.handlers.create) rows.push(['create_resource', [...type.required, 'region'].join(', '), 'INSERT']);
  if (type.handlers.delete) rows.push(['delete_resource', 'Identifier, region', 'DELETE']);
  if (type.handlers.update) rows.push(['update_resource', 'Identifier, PatchDocument, region', 'UPDATE']);
  if (type.handlers.list) rows.push(['list_resources', [...type.listKeys.required.map(column), 'region'].join(', '), 'SELECT']);
  if (type.handlers.read) rows.push(['get_resource', 'Identifier, region', 'SELECT']);
  return result(['MethodName', 'RequiredParams', 'SQLVerb'], rows);
}

function describe(catalog: Catalog, name: string, extended: boolean): StatementResult {
  const resolved = catalog.resolve(name.trim());
  if (!resolved) throw unknownTable(name.trim(), nearestTable(name.trim(), catalog));
  const layout = layoutOf(resolved.type, resolved.variant);
  const byProperty = new Map(resolved.type.columns.map((c) => [c.property, c]));
  const all = schemaOrder(layout, resolved.type).map((c) => {
    const column = byProperty.get(c.property);
    return [
      columnNameOf(c.name),
      column?.type ?? 'string',
      columnRoles(resolved.type, c.property),
      sourceOf(resolved.type, column),
      referencesOf(catalog, column),
      column?.description ?? `Part of the primary identifier (${c.property}).`,
    ];
  });
  all.push(['region', 'string', 'request parameter', 'ccsql', '', 'AWS region.']);
  if (extended) all.push(['resource_model', 'object', 'hidden', 'Cloud Control', '', RESOURCE_MODEL_NOTE]);
  const columns = ['name', 'type', 'roles', 'source', 'refers_to', 'description'];
  return result(extended ? columns : columns.slice(0, 5), all.map((r) => (extended ? r : r.slice(0, 5))));
}
