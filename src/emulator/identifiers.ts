/**
 * Values AWS would generate for a new resource: read-only properties (ARNs in the service's own shape
 * with region and account, ids, counters such as an image version's number) and a missing primary
 * identifier (AWS names such resources itself).
 */
import type { JsonSchema, ResourceType } from '../catalog/types.js';
import { compilePattern, propertySchema, typesOf } from './schema.js';
import { samplePattern } from './sample.js';
import type { JsonObject } from './types.js';

export interface GenerateContext {
  readonly region: string;
  readonly account: string;
  readonly random: () => number;
  /** Returns 1, 2, 3… for successive calls with the same key. */
  readonly nextNumber: (key: string) => number;
}

/** Fills read-only properties and a missing primary identifier into `model`, in place. */
export function generateValues(type: ResourceType, model: JsonObject, ctx: GenerateContext): void {
  const parent = parentKey(type, model);
  const number = { value: undefined as number | undefined };
  for (const property of type.readOnly) {
    if (model[property] !== undefined) continue;
    const schema = propertySchema(type, property);
    if (typesOf(schema).some((t) => t === 'integer' || t === 'number')) {
      number.value ??= ctx.nextNumber(`${type.typeName}|${parent}`);
      model[property] = number.value;
    }
  }
  const missing = [...type.readOnly, ...type.primaryIdentifier.filter((p) => !type.readOnly.includes(p))];
  for (const property of missing) {
    if (model[property] !== undefined) continue;
    const value = generateString(type, property, model, ctx, number.value);
    if (value !== undefined) model[property] = value;
  }
}

/** The values that scope a counter: create-only names of a parent, e.g. an image version's ImageName. */
function parentKey(type: ResourceType, model: JsonObject): string {
  return type.createOnly
    .filter((p) => /(Name|Id|Arn)$/.test(p) && !type.readOnly.includes(p) && typeof model[p] === 'string')
    .map((p) => `${p}=${String(model[p])}`)
    .join(',');
}

function generateString(
  type: ResourceType,
  property: string,
  model: JsonObject,
  ctx: GenerateContext,
  number: number | undefined,
): unknown {
  const schema = propertySchema(type, property);
  const types = typesOf(schema);
  if (types.length > 0 && !types.includes('string')) return types.includes('boolean') ? false : undefined;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (/arn$/i.test(property) || schema.pattern?.includes('arn:')) {
    return arn(type, schema, nameOf(type, model), ctx, number) ?? fromPattern(schema, ctx);
  }
  if (/(Time|Date|Timestamp)$/.test(property) && !schema.pattern) return new Date().toISOString();
  if (/(Id|ID)$/.test(property)) return fromPattern(schema, ctx, 17) ?? uuid(ctx.random);
  const plain = `${kebab(property)}-${hex(ctx.random, 8)}`;
  return fits(schema, plain) ? plain : (fromPattern(schema, ctx) ?? plain);
}

/** The user's name for the resource, which real ARNs usually end with. */
function nameOf(type: ResourceType, model: JsonObject): string | undefined {
  const names = Object.keys(model).filter((p) => /Name$/.test(p) && typeof model[p] === 'string');
  const preferred = names.find((p) => type.createOnly.includes(p)) ?? names[0];
  return preferred === undefined ? undefined : String(model[preferred]);
}

function arn(
  type: ResourceType,
  schema: JsonSchema,
  name: string | undefined,
  ctx: GenerateContext,
  number: number | undefined,
): string | undefined {
  const pattern = schema.pattern ?? '';
  const service = /:([a-z0-9-]+):\[?/.exec(pattern.replace(/^\^?arn:aws[^:]*:/, ':'))?.[1] ?? type.service;
  const resources = resourceCandidates(type, pattern);
  const id = hex(ctx.random, 12);
  const tails = name ? [name, `${name}/${number ?? 1}`, `${name}/${id}`, id] : [id, `${id}/${number ?? 1}`];
  const regions = type.service === 'iam' ? ['', ctx.region] : [ctx.region, ''];
  for (const region of regions) {
    for (const resource of resources) {
      for (const tail of tails) {
        for (const separator of ['/', ':']) {
          const candidate = `arn:aws:${service}:${region}:${ctx.account}:${resource}${resource ? separator : ''}${tail}`;
          if (fits(schema, candidate)) return candidate;
        }
      }
    }
  }
  return undefined;
}

function resourceCandidates(type: ResourceType, pattern: string): string[] {
  const literals = [...pattern.matchAll(/:([a-z][a-zA-Z0-9-]*)(?=\\?\/|:)/g)].map((m) => m[1]);
  const resourceName = type.typeName.split('::')[2] ?? type.resource;
  return [...new Set([...literals.reverse(), kebab(resourceName), resourceName.toLowerCase(), ''])];
}

function fits(schema: JsonSchema, value: string): boolean {
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  const pattern = compilePattern(schema.pattern);
  return !pattern || pattern.test(value);
}

function fromPattern(schema: JsonSchema, ctx: GenerateContext, extra?: number): string | undefined {
  if (!schema.pattern) return undefined;
  return samplePattern(schema.pattern, {
    random: ctx.random,
    extra,
    minLength: schema.minLength,
    maxLength: schema.maxLength,
  });
}

export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

export function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += Math.floor(random() * 16).toString(16);
  return out;
}

export function uuid(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
