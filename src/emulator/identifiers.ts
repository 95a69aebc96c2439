/**
 * Values AWS would generate for a new resource: read-only properties (ARNs in the service's own shape
 * with region and account, ids, counters such as an image version's number) and a missing primary
 * identifier (AWS names such resources itself).
 */
import type { JsonSchema, ResourceType } from '../catalog/types.js';
import { getAt, setAt } from './pointer.js';
import { compilePattern, propertySchema, resolve, typesOf } from './schema.js';
import { samplePattern } from './sample.js';
import { derivedValue, ec2Prefix, endpointValue, knownArn } from './shapes.js';
import { validateValue } from './validate.js';
import type { JsonObject } from './types.js';

export interface GenerateContext {
  /** Stands in for the resource's name in ARNs and URLs when the model has none. */
  readonly fallbackName?: string;
  readonly region: string;
  readonly account: string;
  readonly random: () => number;
  /** The service clock, for generated times (epoch milliseconds); Date.now when not given. */
  readonly now?: () => number;
  /** Returns 1, 2, 3… for successive calls with the same key. */
  readonly nextNumber: (key: string) => number;
}

/** Fills read-only properties and a missing primary identifier into `model`, in place. */
export function generateValues(type: ResourceType, model: JsonObject, context: GenerateContext): void {
  const ctx = { ...context, fallbackName: context.fallbackName ?? hex(context.random, 12) };
  const counterKey = `${type.typeName}|${parentKey(type, model)}`;
  let number: number | undefined;
  for (const property of type.readOnly) {
    if (model[property] !== undefined || !(property in type.schema.properties)) continue;
    if (!typesOf(propertySchema(type, property)).some((t) => t === 'integer' || t === 'number')) continue;
    const value = numberFor(type, property, () => (number ??= ctx.nextNumber(counterKey)), ctx.now ?? Date.now);
    if (value !== undefined) model[property] = value;
  }
  for (const path of type.primaryIdentifier.filter((p) => p.includes('/'))) generateNested(type, model, path, ctx);
  // Names first: ARNs, URLs and domain names end with the resource's name.
  const missing = [...type.primaryIdentifier.filter((p) => !type.readOnly.includes(p)), ...type.readOnly].sort(
    (a, b) => Number(/(Arn|Url|URL|Uri|URI|DomainName|Endpoint)$/.test(a)) - Number(/(Arn|Url|URL|Uri|URI|DomainName|Endpoint)$/.test(b)),
  );
  for (const property of missing) {
    if (model[property] !== undefined || !(property in type.schema.properties)) continue;
    const schema = propertySchema(type, property);
    for (const value of candidates(type, property, schema, model, ctx, number)) {
      if (value !== undefined && validateValue(value, schema, type.schema, '#').length === 0) {
        model[property] = value;
        break;
      }
    }
  }
}

/** A nested primary identifier (`Schedule/ScheduleId`), generated inside its parent object. */
function generateNested(type: ResourceType, model: JsonObject, path: string, ctx: GenerateContext): void {
  if (getAt(model, path) !== undefined) return;
  let schema: JsonSchema = { properties: type.schema.properties };
  for (const segment of path.split('/')) schema = resolve(schema.properties?.[segment], type.schema);
  const name = path.split('/').pop()!;
  for (const value of candidates(type, name, schema, model, ctx, undefined)) {
    if (value !== undefined && validateValue(value, schema, type.schema, '#').length === 0) {
      setAt(model, path, value);
      return;
    }
  }
}

/** Times are epoch seconds (milliseconds where the schema's minimum says so); others count 1, 2, 3. */
function numberFor(type: ResourceType, property: string, count: () => number, now: () => number): number | undefined {
  const schema = propertySchema(type, property);
  if (/(Time|At|Date|Timestamp)$/.test(property)) {
    const seconds = Math.floor(now() / 1000);
    return schema.minimum !== undefined && schema.minimum > seconds ? now() : seconds;
  }
  const value = Math.max(count(), schema.minimum ?? 0);
  return schema.maximum !== undefined && value > schema.maximum ? schema.maximum : value;
}

/** The values that scope a counter: create-only names of a parent, e.g. an image version's ImageName. */
function parentKey(type: ResourceType, model: JsonObject): string {
  return type.createOnly
    .filter((p) => /(Name|Id|Arn)$/.test(p) && !type.readOnly.includes(p) && typeof model[p] === 'string')
    .map((p) => `${p}=${String(model[p])}`)
    .join(',');
}

/** Values to try in order; the first the schema accepts is used. */
function* candidates(
  type: ResourceType,
  property: string,
  schema: JsonSchema,
  model: JsonObject,
  ctx: GenerateContext,
  number: number | undefined,
): Generator<unknown> {
  yield derivedValue(type.typeName, property, model);
  const types = typesOf(schema);
  if (schema.enum && schema.enum.length > 0) yield schema.enum[0];
  if (types.includes('boolean')) yield false;
  if (types.length > 0 && !types.includes('string')) return;
  if (types.length === 0 && (schema.oneOf || schema.anyOf || schema.allOf)) return;
  const shape = { ...ctx, name: nameOf(type, model) ?? ctx.fallbackName ?? hex(ctx.random, 12) };
  if (/arn$/i.test(property) || schema.pattern?.includes('arn:')) {
    yield knownArn(type.typeName, property, shape);
    yield arn(type, schema, nameOf(type, model) ?? ctx.fallbackName, ctx, number);
  }
  if (/(Time|Date|Timestamp|At)$/.test(property)) yield new Date((ctx.now ?? Date.now)()).toISOString();
  if (/(Id|ID)$/.test(property)) {
    const prefix = ec2Prefix(type.typeName);
    if (prefix) yield `${prefix}-${hex(ctx.random, 17)}`;
    yield fromPattern(schema, ctx, 17);
    yield uuid(ctx.random);
  }
  yield endpointValue(property, type.service, shape);
  if (/Name$/.test(property)) yield `${kebab(type.typeName.split('::')[2] ?? property)}-${hex(ctx.random, 8)}`;
  yield `${kebab(property)}-${hex(ctx.random, 8)}`;
  yield fromPattern(schema, ctx);
  const length = Math.min(Math.max(schema.minLength ?? 0, 12), schema.maxLength ?? 12);
  yield hex(ctx.random, length);
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
