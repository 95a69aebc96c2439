/**
 * Required properties Cloud Control cannot read back. UpdateResource reads the resource (a read never
 * returns write-only properties), applies the patch to that model and validates the result as a
 * create's DesiredState, so a property that is both required and write-only is missing from every
 * update that does not send it again: `Model validation failed (#: required key [X] not found)`, or
 * `#/Code: 0 subschemas matched` when the write-only keys are what a required object's oneOf asks for.
 * AWS's answer (hashicorp/terraform-provider-awscc#190): "It's currently required to include any
 * property that is write-only and required." When such a property is also create-only (DataZone's
 * DomainIdentifier), no update can succeed: without it the model is invalid, with it the patch touches
 * a create-only path (NotUpdatableException; pulumi/pulumi-aws-native#1866).
 *
 * What an UPDATE of a type must carry is read from the schema here, once per type; the plan checks
 * each patch against it before anything is sent.
 */

import type { JsonSchema, ResourceType } from '../catalog/types.js';

/** One required top-level property an UPDATE must send again. */
export interface WriteOnlyNeed {
  readonly property: string;
  /**
   * Write-only keys inside the property, one set of which an update must send in full (Synthetics
   * Code: `Script`, or `S3Bucket` and `S3Key`). Empty: the property itself is write-only.
   */
  readonly keys: readonly (readonly string[])[];
  /** Also create-only: no patch may send it, so no update can succeed. */
  readonly createOnly: boolean;
}

/** What an UPDATE of a type meets: nothing, a property to send in every update, or no way at all. */
export type UpdatePath = 'plain' | 'send-write-only' | 'not-updatable';

const memo = new WeakMap<ResourceType, readonly WriteOnlyNeed[]>();

export function writeOnlyNeeds(type: ResourceType): readonly WriteOnlyNeed[] {
  let needs = memo.get(type);
  if (!needs) memo.set(type, (needs = Object.freeze(findNeeds(type))));
  return needs;
}

export function updatePathOf(type: ResourceType): UpdatePath {
  const needs = writeOnlyNeeds(type);
  if (needs.length === 0) return 'plain';
  return needs.some((n) => n.createOnly) ? 'not-updatable' : 'send-write-only';
}

function findNeeds(type: ResourceType): WriteOnlyNeed[] {
  const needs: WriteOnlyNeed[] = [];
  for (const property of type.required) {
    if (type.writeOnly.includes(property)) {
      needs.push({ property, keys: [], createOnly: isPointer(type.paths.createOnly, [property]) });
      continue;
    }
    const keys = nestedKeys(type, property);
    if (keys.length === 0) continue;
    const createOnly = isPointer(type.paths.createOnly, [property]) || keys.some((set) => set.some((key) => isPointer(type.paths.createOnly, [property, key])));
    needs.push({ property, keys, createOnly });
  }
  return needs;
}

/**
 * The sets of write-only keys a required object property cannot be valid without: those its schema
 * requires, joined with those each of its oneOf/anyOf alternatives requires, when every alternative
 * requires one (an alternative free of them would let the model as read stay valid).
 */
function nestedKeys(type: ResourceType, property: string): string[][] {
  const writeOnly = new Set(type.paths.writeOnly.map((p) => p.split('/').slice(2)).filter((s) => s.length === 2 && s[0] === property).map((s) => s[1]!));
  if (writeOnly.size === 0) return [];
  const schema = deref(type, type.schema.properties[property]);
  if (!schema) return [];
  const always = (schema.required ?? []).filter((k) => writeOnly.has(k));
  const alternatives = (schema.oneOf ?? schema.anyOf ?? []).map((alt) => (deref(type, alt)?.required ?? []).filter((k) => writeOnly.has(k)));
  if (alternatives.length === 0 || alternatives.some((alt) => alt.length === 0)) return always.length > 0 ? [always] : [];
  const sets = new Map(alternatives.map((alt) => [...new Set([...always, ...alt])].sort()).map((set) => [set.join('\0'), set]));
  return [...sets.values()].sort((a, b) => a.length - b.length);
}

function deref(type: ResourceType, schema: JsonSchema | undefined): JsonSchema | undefined {
  for (let hops = 0; schema?.$ref && hops < 20; hops += 1) schema = type.schema.definitions?.[schema.$ref.replace(/^#\/definitions\//, '')];
  return schema;
}

/** Is `segments` exactly one of the schema's pointers (`/properties/A/B`)? */
function isPointer(pointers: readonly string[], segments: readonly string[]): boolean {
  return pointers.includes(`/properties/${segments.join('/')}`);
}

/** Does the model carry what the need asks for? */
export function carries(need: WriteOnlyNeed, model: Record<string, unknown>): boolean {
  const value = model[need.property];
  if (value === undefined || value === null) return false;
  if (need.keys.length === 0) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const inner = value as Record<string, unknown>;
  return need.keys.some((set) => set.every((key) => inner[key] !== undefined && inner[key] !== null));
}
