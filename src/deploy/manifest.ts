/**
 * Reads a stackql-deploy project: `stackql_manifest.yml` and the `.iql` file of each resource, every
 * value kept with the line it came from so that a later failure (a template that does not render, a
 * `values` without the chosen environment) can name the file and line. Fields as stackql-deploy-rs
 * reads them (src/resource/manifest.rs); a missing required field, an unknown resource type and a
 * missing `.iql` file fail here, before any statement is rendered or sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { parseAnchors, type AnchorSet } from './anchors.js';
import { deployInput } from './errors.js';

export const RESOURCE_TYPES = ['resource', 'query', 'script', 'command', 'multi'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface Located<T> {
  readonly value: T;
  readonly line: number;
}

export interface GlobalDef {
  readonly name: string;
  readonly value: unknown;
  readonly line: number;
}

export interface PropDef {
  readonly name: string;
  readonly value?: unknown;
  /** Per environment: `values: { dev: { value: … } }`. */
  readonly values?: Readonly<Record<string, unknown>>;
  readonly merge: readonly string[];
  readonly line: number;
}

export interface ExportDef {
  /** The column the exports query returns. */
  readonly column: string;
  /** The name it is stored under (the column unless `{column: alias}`). */
  readonly name: string;
}

export interface ResourceDef {
  readonly name: string;
  readonly type: ResourceType;
  readonly props: readonly PropDef[];
  readonly exports: readonly ExportDef[];
  readonly protected: readonly string[];
  readonly condition?: Located<string>;
  /** `return_vals: { create: [Field | {Field: alias}] }`. */
  readonly returnVals: Readonly<Record<string, readonly ExportDef[]>>;
  readonly sql?: string;
  readonly run?: string;
  readonly skipValidation: boolean;
  /** The `.iql` file, for messages; anchors parsed from it (empty for `script`). */
  readonly file: string;
  readonly anchors: AnchorSet;
  readonly line: number;
}

export interface Manifest {
  readonly dir: string;
  readonly file: string;
  readonly name: string;
  readonly providers: readonly string[];
  readonly globals: readonly GlobalDef[];
  readonly resources: readonly ResourceDef[];
  readonly exports: readonly string[];
}

export const MANIFEST_FILE = 'stackql_manifest.yml';

export function loadManifest(stackDir: string): Manifest {
  const dir = resolve(stackDir);
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw deployInput(file, undefined, `does not exist: STACK_DIR must be a folder holding ${MANIFEST_FILE} (ccsql deploy init NAME writes a starter)`);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: true, merge: true });
  const [error] = doc.errors;
  if (error) throw deployInput(file, error.linePos?.[0].line, `is not valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')})`);
  const lineOf = (node: unknown): number => (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? lines.linePos(node.range[0] as number).line : 1);
  const root = doc.contents;
  if (!isMap(root)) throw deployInput(file, lineOf(root), 'must be a mapping with name, providers and resources');
  const reader = new Reader(file, lineOf);
  const name = reader.string(root, 'name', true)!;
  const providers = reader.strings(root, 'providers');
  if (providers.length === 0) throw deployInput(file, lineOf(root), 'needs providers, a list naming awscc');
  const globals = reader.list(root, 'globals').map((node) => {
    const map = reader.map(node, 'a global');
    return { name: reader.string(map, 'name', true)!, value: reader.js(map, 'value'), line: lineOf(node) };
  });
  const seen = new Map<string, number>();
  const resources = reader.list(root, 'resources').map((node) => {
    const resource = readResource(reader, dir, reader.map(node, 'a resource'), lineOf(node));
    if (seen.has(resource.name)) throw deployInput(file, resource.line, `names the resource ${resource.name} a second time (first at line ${seen.get(resource.name)}); names must be unique`);
    seen.set(resource.name, resource.line);
    return resource;
  });
  return Object.freeze({ dir, file, name, providers, globals, resources, exports: reader.strings(root, 'exports') });
}

function readResource(reader: Reader, dir: string, map: YAMLMap, line: number): ResourceDef {
  const file = reader.file;
  const name = reader.string(map, 'name', true)!;
  const type = (reader.string(map, 'type', false) ?? 'resource') as ResourceType;
  if (!RESOURCE_TYPES.includes(type)) throw deployInput(file, reader.lineOf(map.get('type', true)), `gives resource ${name} the type "${type}"; the types are ${RESOURCE_TYPES.join(', ')}`);
  const props = reader.list(map, 'props').map((node) => readProp(reader, reader.map(node, 'a prop'), name));
  const exports = reader.list(map, 'exports').map((node) => exportDef(reader, node, name));
  const returnVals: Record<string, ExportDef[]> = {};
  const returnNode = map.get('return_vals', true);
  if (returnNode !== undefined && returnNode !== null) {
    for (const item of reader.map(returnNode, 'return_vals').items) {
      returnVals[String((item.key as { value?: unknown }).value)] = (isSeq(item.value) ? item.value.items : []).map((n) => exportDef(reader, n as YamlNode, name));
    }
  }
  const sql = reader.string(map, 'sql', false);
  const run = reader.string(map, 'run', false);
  const conditionNode = map.get('if', true);
  const condition = reader.string(map, 'if', false);
  const relative = reader.string(map, 'file', false) ?? `${name}.iql`;
  const iql = join(dir, 'resources', relative);
  let anchors: AnchorSet = new Map();
  if (type !== 'script' && sql === undefined) {
    if (!existsSync(iql)) throw deployInput(file, reader.lineOf(map.get('file', true) ?? map), `names resource ${name}, whose file resources/${relative} does not exist`);
    anchors = parseAnchors(readFileSync(iql, 'utf8'), iql);
    if ((type === 'resource' || type === 'multi') && !anchors.has('create') && !anchors.has('createorupdate')) throw deployInput(iql, 1, 'needs a /*+ create */ or /*+ createorupdate */ section');
  }
  if (type === 'script' && run === undefined) throw deployInput(file, line, `gives script resource ${name} no run command`);
  return Object.freeze({
    name,
    type,
    props,
    exports,
    protected: reader.strings(map, 'protected'),
    ...(condition !== undefined ? { condition: { value: condition, line: reader.lineOf(conditionNode) } } : {}),
    returnVals,
    ...(sql !== undefined ? { sql } : {}),
    ...(run !== undefined ? { run } : {}),
    skipValidation: reader.js(map, 'skip_validation') === true,
    file: sql === undefined ? iql : file,
    anchors,
    line,
  });
}

function readProp(reader: Reader, map: YAMLMap, resource: string): PropDef {
  const name = reader.string(map, 'name', true)!;
  const line = reader.lineOf(map);
  const merge = reader.strings(map, 'merge');
  const has = (key: string) => map.has(key);
  if (!has('value') && !has('values') && merge.length === 0) throw deployInput(reader.file, line, `gives prop ${name} of resource ${resource} no value, values or merge`);
  let values: Record<string, unknown> | undefined;
  if (has('values')) {
    values = {};
    for (const item of reader.map(map.get('values', true), `the values of prop ${name}`).items) {
      const env = String((item.key as { value?: unknown }).value);
      const entry = item.value;
      if (!isMap(entry) || !entry.has('value')) throw deployInput(reader.file, reader.lineOf(entry ?? item.key), `gives prop ${name} for environment ${env} no value (write ${env}: { value: … })`);
      values[env] = { value: entry.toJSON().value as unknown, line: reader.lineOf(entry) };
    }
  }
  return Object.freeze({ name, ...(has('value') ? { value: reader.js(map, 'value') } : {}), ...(values ? { values } : {}), merge, line });
}

function exportDef(reader: Reader, node: unknown, resource: string): ExportDef {
  if (isScalar(node) && typeof node.value === 'string') return { column: node.value, name: node.value };
  if (isMap(node) && node.items.length === 1) {
    const [item] = node.items;
    const column = String((item!.key as { value?: unknown }).value);
    const alias = (item!.value as { value?: unknown } | null)?.value;
    if (typeof alias === 'string') return { column, name: alias };
  }
  throw deployInput(reader.file, reader.lineOf(node), `has an export of resource ${resource} that is neither a name nor {column: alias}`);
}

/** Field access on YAML nodes that fails with the manifest's file and the node's line. */
class Reader {
  constructor(
    readonly file: string,
    readonly lineOf: (node: unknown) => number,
  ) {}

  map(node: unknown, what: string): YAMLMap {
    if (!isMap(node)) throw deployInput(this.file, this.lineOf(node), `has ${what} that is not a mapping (key: value lines)`);
    return node;
  }

  list(map: YAMLMap, key: string): YamlNode[] {
    const node = map.get(key, true) as unknown;
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) throw deployInput(this.file, this.lineOf(node), `has ${key} that is not a list`);
    return node.items as YamlNode[];
  }

  strings(map: YAMLMap, key: string): string[] {
    return this.list(map, key).map((node) => {
      if (!isScalar(node) || typeof node.value !== 'string') throw deployInput(this.file, this.lineOf(node), `has an item of ${key} that is not a name`);
      return node.value;
    });
  }

  string(map: YAMLMap, key: string, required: boolean): string | undefined {
    const node = map.get(key, true) as unknown;
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) throw deployInput(this.file, this.lineOf(map), `is missing the required field ${key}`);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'boolean') || node.value === '') {
      throw deployInput(this.file, this.lineOf(node), `has ${key} that is not a non-empty string`);
    }
    return String(node.value);
  }

  js(map: YAMLMap, key: string): unknown {
    const node = map.get(key, true) as { toJSON?: () => unknown } | undefined;
    return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : (node as unknown);
  }
}
