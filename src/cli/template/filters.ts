/**
 * Filters for `{{ value | filter }}`: the ones StackQL's pages and stackql-deploy manifests use
 * (`generate_patch_document` above all) and a few of Jinja's everyday ones.
 *
 * Ours: `generate_patch_document`, `sql_escape` and `merge_objects` are stackql-deploy's own filters,
 * which no template package has, and the Jinja ones are a line each.
 */
import { randomUUID } from 'node:crypto';
import { CcsqlError } from '../../errors.js';
import type { FilterFn } from './expr.js';

/**
 * Text a filter made for SQL, and what it is: `escaped` is the inside of a '…' string (quotes
 * doubled), `literal` a complete SQL literal such as `('a','b')`, `raw` SQL text the user asked to
 * paste as it is (`sqlraw`, the only way to put SQL into a statement through a placeholder).
 */
export class SafeText {
  constructor(
    readonly text: string,
    readonly kind: 'escaped' | 'literal' | 'raw' = 'escaped',
  ) {}
  toString(): string {
    return this.text;
  }
}

/** How a value reads in SQL text: strings as they are, everything else as JSON (never Python's `True`/`None`). */
export function toText(value: unknown): string {
  if (value instanceof SafeText) return value.text;
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** A string holding a JSON object or array becomes that object (StackQL passes JSON through as JSON). */
function structured(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * An RFC 6902 patch that sets each given property. `add` replaces a member that exists and creates
 * one that does not, so it is right whatever the resource holds now; properties left undefined are
 * left out, so one template serves every partial update.
 */
export function generatePatchDocument(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CcsqlError('INVALID_ARGUMENT', 'Filter "generate_patch_document" needs a dict of property names to values, e.g. {{ {"Tags": tags} | generate_patch_document }}.');
  }
  const ops = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ op: 'add', path: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: structured(v) }));
  return JSON.stringify(ops);
}

/**
 * `[{"Key":k,"Value":v}]` as the Resource Groups Tagging API's `TagFilters`, `[{"Key":k,"Values":[v]}]`
 * (stackql-deploy-rs's filter, for `awscc.tagging.tagged_resources`).
 */
export function toAwsTagFilters(value: unknown): string {
  const tags = structured(value);
  if (!Array.isArray(tags) || !tags.every((t) => t !== null && typeof t === 'object' && 'Key' in t)) {
    throw new CcsqlError('INVALID_ARGUMENT', 'Filter "to_aws_tag_filters" needs a list of {"Key": …, "Value": …} tags, e.g. {{ global_tags | to_aws_tag_filters }}.');
  }
  return JSON.stringify(tags.map((t: { Key: unknown; Value?: unknown }) => ({ Key: t.Key, Values: [t.Value] })));
}

const text = (value: unknown): string => toText(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export const FILTERS: Readonly<Record<string, FilterFn>> = Object.freeze({
  generate_patch_document: generatePatchDocument,
  default: (value: unknown, fallback: unknown = '') => (value === undefined ? fallback : value),
  d: (value: unknown, fallback: unknown = '') => (value === undefined ? fallback : value),
  tojson: (value: unknown) => JSON.stringify(value ?? null),
  to_json: (value: unknown) => JSON.stringify(value ?? null),
  from_json: (value: unknown) => JSON.parse(text(value)) as unknown,
  sql_escape: (value: unknown) => new SafeText(text(value).replace(/'/g, "''")),
  sql_list: (value: unknown) => new SafeText(`(${list(value).map((v) => `'${text(v).replace(/'/g, "''")}'`).join(',')})`, 'literal'),
  // Jinja's `safe` marks HTML as trusted; SQL values are always escaped here, so it changes nothing.
  safe: (value: unknown) => value,
  sqlraw: (value: unknown) => new SafeText(text(value), 'raw'),
  base64_encode: (value: unknown) => Buffer.from(text(value), 'utf8').toString('base64'),
  // stackql-deploy-rs keeps the first list's order and adds the second's items not already in it.
  merge_lists: (a: unknown, b: unknown) => {
    const out = [...list(structured(a))];
    const seen = new Set(out.map((item) => JSON.stringify(item)));
    for (const item of list(structured(b))) if (!seen.has(JSON.stringify(item))) out.push(item), seen.add(JSON.stringify(item));
    return out;
  },
  to_aws_tag_filters: toAwsTagFilters,
  uuid: () => randomUUID(),
  merge_objects: (a: unknown, b: unknown) => ({ ...(structured(a) as object), ...(structured(b) as object) }),
  upper: (value: unknown) => text(value).toUpperCase(),
  lower: (value: unknown) => text(value).toLowerCase(),
  trim: (value: unknown) => text(value).trim(),
  replace: (value: unknown, from: unknown, to: unknown) => text(value).split(text(from)).join(text(to)),
  join: (value: unknown, separator: unknown = '') => list(value).map(text).join(text(separator)),
  length: (value: unknown) => (Array.isArray(value) || typeof value === 'string' ? value.length : Object.keys(value ?? {}).length),
  string: (value: unknown) => text(value),
  int: (value: unknown) => Math.trunc(Number(text(value))) || 0,
});
