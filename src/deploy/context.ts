/**
 * The template context of a stack, as stackql-deploy builds it (stackql-deploy-rs src/core/config.rs):
 * env values (`-e`, `--env-file`) are visible only while the globals render; a global that needs
 * `resource_name` is rendered again for each resource; each resource sees `stack_name`, `stack_env`,
 * `resource_name`, the globals, what earlier resources exported (plain, and as `resource.name`), its
 * own props in order (each visible to the next, `merge` applied), and `this.x`, the fields captured
 * from its `exists` query or its `RETURNING` row.
 *
 * Values keep their YAML types (a list stays a list, and becomes compact JSON text where a template
 * puts it in SQL) rather than stackql-deploy's all-strings context; the SQL they land in is the same.
 */
import { renderText, type TemplateVars } from '../cli/template/render.js';
import { isCcsqlError } from '../index.js';
import { deployInput } from './errors.js';
import type { GlobalDef, Manifest, PropDef, ResourceDef } from './manifest.js';

/** What a missing name renders as where a run may go on without it (dry run, plan). */
export const UNKNOWN = '<unknown>';

export interface Missing {
  /** Throw, naming the file and line (build, test), or stand in `<unknown>` and note the name (dry run, plan). */
  readonly lenient: boolean;
  readonly names: Set<string>;
}

export class StackContext {
  readonly stackName: string;
  readonly stackEnv: string;
  readonly #globals: Record<string, unknown> = {};
  readonly #deferred: GlobalDef[] = [];
  readonly #exports: Record<string, unknown> = {};
  readonly #scoped: Record<string, Record<string, unknown>> = {};
  readonly #file: string;

  constructor(manifest: Manifest, stackEnv: string, env: Readonly<Record<string, string>>) {
    this.stackName = manifest.name;
    this.stackEnv = stackEnv;
    this.#file = manifest.file;
    const base = { ...env, stack_name: manifest.name, stack_env: stackEnv };
    for (const global of manifest.globals) {
      let deferred = false;
      const value = renderValue(global.value, { ...base, ...this.#globals }, (source) => {
        if (/^\s*resource_name\s*$/.test(source)) return (deferred = true), '';
        throw deployInput(manifest.file, global.line, `cannot render global ${global.name}: "{{ ${source.trim()} }}" has no value (pass -e NAME=VALUE or put it in --env-file)`);
      }, manifest.file, global.line);
      if (deferred) this.#deferred.push(global);
      else if (value === '' || value === null || value === undefined) throw deployInput(manifest.file, global.line, `renders global ${global.name} empty`);
      else this.#globals[global.name] = value;
    }
  }

  /** Records what a resource exported: plain (later resources overwrite it) and as `resource.name`. */
  setExport(resource: string, name: string, value: unknown): void {
    this.#exports[name] = value;
    (this.#scoped[resource] ??= {})[name] ??= value;
  }

  exported(name: string): unknown {
    return this.#exports[name];
  }

  /** The context a resource's props and anchors render with; `captured` is its `this`. */
  resourceVars(resource: ResourceDef, captured: Readonly<Record<string, unknown>>, missing: Missing): Record<string, unknown> {
    const vars: Record<string, unknown> = { stack_name: this.stackName, stack_env: this.stackEnv, resource_name: resource.name, ...this.#globals };
    for (const global of this.#deferred) vars[global.name] = renderValue(global.value, vars, (source) => this.#missing(missing, this.#file, global.line, source), this.#file, global.line);
    Object.assign(vars, this.#exports);
    for (const [name, fields] of Object.entries(this.#scoped)) vars[name] = { ...fields };
    vars[resource.name] = { ...this.#scoped[resource.name], ...captured };
    for (const prop of resource.props) vars[prop.name] = this.#prop(prop, resource, vars, missing);
    vars.this = { ...captured };
    return vars;
  }

  #prop(prop: PropDef, resource: ResourceDef, vars: Record<string, unknown>, missing: Missing): unknown {
    let raw: unknown = prop.value;
    let line = prop.line;
    if (prop.values !== undefined) {
      const chosen = prop.values[this.stackEnv] as { value: unknown; line: number } | undefined;
      if (chosen === undefined) {
        if (prop.value === undefined) throw deployInput(this.#file, prop.line, `gives prop ${prop.name} of resource ${resource.name} values for ${Object.keys(prop.values).join(', ')}, but none for environment ${this.stackEnv}`);
      } else ({ value: raw, line } = chosen);
    }
    let value = raw === undefined ? undefined : renderValue(raw, vars, (source) => this.#missing(missing, this.#file, line, source), this.#file, line);
    for (const name of prop.merge) value = mergeValues(value, vars[name], prop, name, this.#file);
    return value;
  }

  #missing(missing: Missing, file: string, line: number, source: string): unknown {
    if (missing.lenient) return missing.names.add(source.trim()), UNKNOWN;
    throw deployInput(file, line, `cannot render "{{ ${source.trim()} }}": it has no value here`);
  }
}

/** Renders every string inside a YAML value; a template error becomes DEPLOY_INPUT at `file` `line`. */
export function renderValue(value: unknown, vars: TemplateVars, missing: (source: string) => unknown, file: string, line: number): unknown {
  if (typeof value === 'string') {
    try {
      return renderText(value, vars, missing);
    } catch (error) {
      if (isCcsqlError(error) && error.code === 'INVALID_ARGUMENT') throw deployInput(file, line, `has a template that cannot be rendered: ${error.message.replace(/\.$/, '')}`);
      throw error;
    }
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, vars, missing, file, line));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, vars, missing, file, line)]));
  return value;
}

/** stackql-deploy's `merge`: lists joined without repeats (first-seen order), mappings shallow-merged. */
function mergeValues(base: unknown, other: unknown, prop: PropDef, name: string, file: string): unknown {
  if (other === undefined) throw deployInput(file, prop.line, `merges ${name} into prop ${prop.name}, but there is no global or export named ${name}`);
  if (base === undefined) return other;
  if (Array.isArray(base) && Array.isArray(other)) {
    const seen = new Set(base.map((item) => JSON.stringify(item)));
    return [...base, ...other.filter((item) => !seen.has(JSON.stringify(item)))];
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(base) && isObject(other)) return { ...(base as object), ...(other as object) };
  throw deployInput(file, prop.line, `merges ${name} into prop ${prop.name}, but one is a list and the other is not (both must be lists or both mappings)`);
}
