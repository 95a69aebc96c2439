/**
 * The emulator's Cloud Control store as the Resource Groups Tagging API sees it: every resource of
 * the caller's account and region that carries at least one tag, with its ARN, its tags as
 * `{Key, Value}` pairs and its `service:resourceType` for ResourceTypeFilters.
 *
 * Limits of the mapping, where the store cannot say what AWS would:
 * - The ARN is the resource's own: its primary identifier when that is an ARN, else its `Arn` or
 *   `<Resource>Arn` property, else a read-only `…Arn` property. A type with none (EC2's, most of them)
 *   gets one built AWS's usual way, `arn:aws:<service>:<region>:<account>:<resource-type>/<identifier>`,
 *   with the resource type the CloudFormation name in kebab case (`AWS::EC2::SecurityGroup` →
 *   `security-group`); a few real ARNs differ (EC2's NAT gateway is `natgateway`).
 * - The resource type of a filter is the ARN's (`ec2:instance`, `logs:log-group`); an ARN without
 *   one (S3's `arn:aws:s3:::name`, SQS's, SNS's) takes the CloudFormation name (`s3:bucket`,
 *   `sqs:queue`, `sns:topic`). AWS accepts only the types it supports; here any type matches.
 * - Tags are read from the type's `tagging.tagProperty` at the top level, as a list of
 *   `{Key, Value}` or a map; nested tag properties (`TagSpecifications/*\/Tags`) are not read.
 * - Global types appear in one region: an S3 bucket in its own, the others in us-east-1.
 */
import type { ResourceType } from '../../catalog/types.js';
import type { ServiceContext } from '../context.js';
import { isVisible } from '../faults/settle.js';
import { homeRegionOf, isGlobal } from '../global-types.js';
import type { CallContext, JsonObject } from '../types.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface TaggedResource {
  readonly arn: string;
  /** `service:resourceType`, lower case: what ResourceTypeFilters match. */
  readonly resourceType: string;
  readonly tags: readonly Tag[];
}

/** The caller's tagged resources, in ARN order (AWS documents none; this one is stable across runs). */
export function taggedResources(service: ServiceContext, ctx: CallContext): TaggedResource[] {
  const now = service.options.clock();
  const out: TaggedResource[] = [];
  for (const [typeName, table] of service.store.tablesSeenFrom(ctx.account, ctx.region)) {
    const type = service.options.catalog.byTypeName(typeName);
    if (!type) continue;
    for (const [identifier, model] of table) {
      if (!isVisible(model, now) || (isGlobal(typeName) && homeRegionOf(typeName, model) !== ctx.region)) continue;
      const tags = tagsOf(type, model);
      if (tags.length === 0) continue;
      const arn = arnOf(type, identifier, model, ctx);
      out.push({ arn, resourceType: resourceTypeOf(type, arn), tags });
    }
  }
  return out.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

export function tagsOf(type: ResourceType, model: JsonObject): Tag[] {
  const property = type.tagging?.tagProperty ?? (type.schema.properties.Tags ? 'Tags' : undefined);
  if (!property || property.includes('/')) return [];
  const value = model[property];
  if (Array.isArray(value)) {
    return value.flatMap((t: unknown) => {
      const tag = t as { Key?: unknown; Value?: unknown; key?: unknown; value?: unknown } | null;
      const key = tag?.Key ?? tag?.key;
      return typeof key === 'string' ? [{ Key: key, Value: String(tag?.Value ?? tag?.value ?? '') }] : [];
    });
  }
  if (value && typeof value === 'object') return Object.entries(value).map(([Key, v]) => ({ Key, Value: String(v ?? '') }));
  return [];
}

function arnOf(type: ResourceType, identifier: string, model: JsonObject, ctx: CallContext): string {
  if (identifier.startsWith('arn:')) return identifier;
  const own = type.typeName.split('::')[2] ?? '';
  const candidates = ['Arn', `${own}Arn`, ...type.readOnly.filter((p) => p.endsWith('Arn'))];
  for (const property of candidates) {
    const value = model[property];
    if (typeof value === 'string' && value.startsWith('arn:')) return value;
  }
  return `arn:aws:${type.service}:${ctx.region}:${ctx.account}:${kebab(own)}/${identifier}`;
}

function resourceTypeOf(type: ResourceType, arn: string): string {
  const parts = arn.split(':');
  const service = parts[2] ?? type.service;
  const resource = parts.slice(5).join(':');
  const match = /^([^/:]+)[/:]/.exec(resource);
  return `${service}:${match ? match[1] : kebab(type.typeName.split('::')[2] ?? '')}`.toLowerCase();
}

/** `SecurityGroup` → `security-group`, `VPC` → `vpc`, `DBInstance` → `db-instance`. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/** `service` matches every type of the service, `service:type` that type only. */
export function matchesTypeFilter(resourceType: string, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  const [service] = resourceType.split(':');
  return filters.some((f) => (f.includes(':') ? f.toLowerCase() === resourceType : f.toLowerCase() === service));
}

/** Every filter must hold; a filter with values matches any of them, one without matches any value. */
export function matchesTagFilters(tags: readonly Tag[], filters: readonly { Key: string; Values?: readonly string[] }[]): boolean {
  return filters.every((f) => tags.some((t) => t.Key === f.Key && (!f.Values || f.Values.length === 0 || f.Values.includes(t.Value))));
}
