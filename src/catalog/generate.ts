/**
 * One registry schema → one catalog entry. Pure: the script and the staleness test both call it.
 * Catalog-wide work (aliases, uniqueness, files) is in `build.ts`.
 */

import { CcsqlError } from '../errors.js';
import { columnName, legacyColumnName, resourceName, serviceName, typeNameParts } from './naming.js';
import { jsonTypeOf, stripDocs, stripMap } from './schema.js';
import { HANDLER_NAMES } from './types.js';
import type { Column, ColumnSource, Handler, HandlerName, JsonSchema, ResourceType, Tagging, TypeOrigin, Unavailable } from './types.js';

export interface GenerateOptions {
  /** The table name's first part: `awscc` (default) for AWS's types, the org for private ones (`acme`). */
  readonly namespace?: string;
  /** Marks every column (the user catalog's `account`); absent for the bundled registry schemas. */
  readonly source?: ColumnSource;
  readonly origin?: TypeOrigin;
  readonly unavailable?: Unavailable;
}

/** A registry schema as read from disk (only the parts the catalog uses are typed). */
export interface RegistrySchema {
  typeName: string;
  description?: string;
  properties: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  primaryIdentifier?: string[];
  additionalIdentifiers?: string[][];
  readOnlyProperties?: string[];
  createOnlyProperties?: string[];
  writeOnlyProperties?: string[];
  handlers?: Partial<Record<string, { permissions?: string[]; timeoutInMinutes?: number; handlerSchema?: JsonSchema }>>;
  tagging?: Partial<Tagging> & { tagProperty?: string };
  taggable?: boolean;
  [key: string]: unknown;
}

export function invalid(typeName: string, problem: string): CcsqlError {
  return new CcsqlError('INVALID_ARGUMENT', `Resource type "${typeName}" ${problem}.`, { typeName });
}

/** Builds the entry without the singular alias, which depends on every other type's names. */
export function generateResourceType(raw: RegistrySchema, options: GenerateOptions = {}): ResourceType {
  const typeName = checkShape(raw);
  const service = serviceName(typeName);
  const resource = resourceName(typeName);
  const columns = columnsOf(raw).map((c) => (options.source ? { ...c, source: options.source } : c));
  const entry: ResourceType = {
    typeName,
    sqlName: `${options.namespace ?? 'awscc'}.${service}.${resource}`,
    service,
    resource,
    description: raw.description ?? '',
    columns,
    primaryIdentifier: (raw.primaryIdentifier ?? []).map((pointer) => propertyPath(typeName, pointer)),
    additionalIdentifiers: (raw.additionalIdentifiers ?? []).map((set) => set.map((p) => propertyPath(typeName, p))),
    ...requiredOf(raw),
    readOnly: topLevel(raw.readOnlyProperties),
    createOnly: topLevel(raw.createOnlyProperties),
    writeOnly: topLevel(raw.writeOnlyProperties),
    paths: {
      readOnly: [...(raw.readOnlyProperties ?? [])],
      createOnly: [...(raw.createOnlyProperties ?? [])],
      writeOnly: [...(raw.writeOnlyProperties ?? [])],
    },
    handlers: handlersOf(raw),
    listKeys: listKeysOf(raw),
    ...taggingOf(raw),
    schema: {
      properties: stripMap(raw.properties),
      ...(raw.definitions !== undefined ? { definitions: stripMap(raw.definitions) } : {}),
      ...(typeof raw.additionalProperties === 'boolean' ? { additionalProperties: raw.additionalProperties } : {}),
    },
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.unavailable ? { unavailable: options.unavailable } : {}),
    aliases: { columns: legacyColumns(columns) },
  };
  validateResourceType(entry);
  return entry;
}

function checkShape(raw: RegistrySchema): string {
  const typeName = raw.typeName;
  try {
    typeNameParts(typeName);
  } catch {
    throw invalid(String(typeName), 'does not have a type name of the form "Org::Service::Resource"');
  }
  if (typeof raw.properties !== 'object' || raw.properties === null) throw invalid(typeName, 'has no "properties"');
  return typeName;
}

function columnsOf(raw: RegistrySchema): Column[] {
  const definitions = raw.definitions ?? {};
  return Object.entries(raw.properties).map(([property, schema]) => {
    const description = describedBy(schema, definitions);
    return {
      name: columnName(property),
      property,
      type: jsonTypeOf(schema, definitions),
      ...(description !== undefined ? { description } : {}),
    };
  });
}

/** A property's own description, or the one of the definition it refers to (as StackQL's pages show). */
function describedBy(schema: JsonSchema, definitions: Readonly<Record<string, JsonSchema>>): string | undefined {
  if (typeof schema.description === 'string') return schema.description;
  const ref = typeof schema.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
  const target = ref ? definitions[ref] : undefined;
  return typeof target?.description === 'string' ? target.description : undefined;
}

/** `/properties/Schedule/ScheduleId` → `Schedule/ScheduleId`. */
function propertyPath(typeName: string, pointer: string): string {
  if (!pointer.startsWith('/properties/')) throw invalid(typeName, `has identifier "${pointer}" outside /properties`);
  return pointer.slice('/properties/'.length);
}

function topLevel(pointers: readonly string[] | undefined): string[] {
  const names = (pointers ?? []).filter((p) => /^\/properties\/[^/]+$/.test(p)).map((p) => p.slice(12));
  return [...new Set(names)];
}

/**
 * `required` plus conjunctive `allOf` parts; `oneOf`/`anyOf` entries that list `required` are the
 * alternatives. A group with an empty alternative constrains nothing required and is skipped.
 */
function requiredOf(raw: RegistrySchema): { required: string[]; requiredAlternatives: string[][] } {
  const required = [...(raw.required ?? [])];
  const requiredAlternatives: string[][] = [];
  const visit = (node: JsonSchema): void => {
    for (const part of node.allOf ?? []) {
      required.push(...(part.required ?? []));
      visit(part);
    }
    for (const group of [node.oneOf, node.anyOf]) {
      if (group === undefined || group.some((alt) => (alt.required ?? []).length === 0)) continue;
      requiredAlternatives.push(...group.map((alt) => [...(alt.required ?? [])]));
    }
  };
  visit(raw);
  return { required: [...new Set(required)], requiredAlternatives };
}

function handlersOf(raw: RegistrySchema): Partial<Record<HandlerName, Handler>> {
  const handlers: Partial<Record<HandlerName, Handler>> = {};
  for (const name of HANDLER_NAMES) {
    const handler = raw.handlers?.[name];
    if (handler === undefined) continue;
    handlers[name] = {
      permissions: [...(handler.permissions ?? [])],
      ...(handler.timeoutInMinutes !== undefined ? { timeoutInMinutes: handler.timeoutInMinutes } : {}),
    };
  }
  return handlers;
}

function listKeysOf(raw: RegistrySchema): ResourceType['listKeys'] {
  const handlerSchema = raw.handlers?.list?.handlerSchema;
  const names = Object.keys(handlerSchema?.properties ?? {});
  const required = [...(handlerSchema?.required ?? [])];
  const alternatives = [...(handlerSchema?.oneOf ?? []), ...(handlerSchema?.anyOf ?? [])]
    .map((alt) => [...(alt.required ?? [])])
    .filter((alt) => alt.length > 0);
  return {
    required,
    optional: names.filter((name) => !required.includes(name)),
    ...(alternatives.length > 0 ? { alternatives } : {}),
  };
}

function taggingOf(raw: RegistrySchema): { tagging?: Tagging } {
  const source = raw.tagging;
  if (source === undefined) return typeof raw.taggable === 'boolean' ? { tagging: { taggable: raw.taggable } } : {};
  const tagging: Tagging = {
    taggable: source.taggable ?? true,
    ...(source.tagOnCreate !== undefined ? { tagOnCreate: source.tagOnCreate } : {}),
    ...(source.tagUpdatable !== undefined ? { tagUpdatable: source.tagUpdatable } : {}),
    ...(source.cloudFormationSystemTags !== undefined ? { cloudFormationSystemTags: source.cloudFormationSystemTags } : {}),
    ...(source.tagProperty !== undefined ? { tagProperty: source.tagProperty.replace(/^\/properties\//, '') } : {}),
  };
  return { tagging };
}

function legacyColumns(columns: readonly Column[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const column of columns) {
    const old = legacyColumnName(column.property);
    // An old spelling that is some other column's current name would make that column ambiguous.
    if (old !== column.name && !columns.some((other) => other.name === old)) aliases[old] = column.name;
  }
  return aliases;
}

/** The checks one type can fail on its own: column names, identifiers. */
export function validateResourceType(entry: ResourceType): void {
  const seen = new Map<string, string>();
  for (const column of entry.columns) {
    if (!/^[a-z0-9_]+$/.test(column.name)) throw invalid(entry.typeName, `has a column "${column.name}" that is not snake_case`);
    const other = seen.get(column.name);
    if (other !== undefined) {
      throw invalid(entry.typeName, `has properties "${other}" and "${column.property}" that both become column "${column.name}"`);
    }
    seen.set(column.name, column.property);
  }
  const properties = new Set(entry.columns.map((column) => column.property));
  for (const path of [...entry.primaryIdentifier, ...entry.additionalIdentifiers.flat()]) {
    if (!properties.has(path.split('/')[0] as string)) {
      throw invalid(entry.typeName, `has identifier "${path}" that is not one of its properties`);
    }
  }
  if (entry.primaryIdentifier.length === 0) throw invalid(entry.typeName, 'has no primaryIdentifier');
}

/** Exposed for tests and generic code that wants to strip a schema the same way. */
export { stripDocs };
