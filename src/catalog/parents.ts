/**
 * Parents of child resources, inferred from the schemas: the type whose identifier a list key names.
 * `AWS::SageMaker::ImageVersion` is listed per `ImageName`, an identifier of `AWS::SageMaker::Image`;
 * `AWS::DataZone::SubscriptionTarget` per `DomainIdentifier`, the `Id` of `AWS::DataZone::Domain`.
 *
 * The rules (docs/child-tables.md lists the keys they leave without a parent):
 * - the key is a stem and a suffix (`Id`, `Identifier`, `Arn`/`ARN`, `Name`) or a type's whole name; the
 *   stem names a type of the same service: its last name part, failing that a type whose last part
 *   ends with the stem, failing that one the stem ends with (whose identifier is then spelt as the key);
 * - the key is that type's identifier: its primary identifier or an additional identifier, a single
 *   property spelt as the key or as the suffix (`Id`), of the suffix's kind (an `Identifier` is any id);
 * - the type is listable: it has a list handler and needs no key, or needs one whose parent is listable;
 * - it is the only type that fits at the first of those three steps where any fits.
 * Ours because no schema states the relation; it is read from names, as a person reading them would.
 */

import type { ResourceType } from './types.js';

export interface ParentLink {
  /** `AWS::DataZone::Domain` */
  readonly typeName: string;
  /** The parent's property whose values are the child's key: `Id`. */
  readonly property: string;
}

const SUFFIXES = ['Identifier', 'Id', 'ARN', 'Arn', 'Name'] as const;
type Suffix = (typeof SUFFIXES)[number];

/** Which identifier properties a key of each suffix may name: an `Identifier` takes an id or an ARN. */
const ACCEPTS: Readonly<Record<Suffix, readonly string[]>> = {
  Identifier: ['Identifier', 'Id', 'Arn', 'ARN'],
  Id: ['Id', 'Identifier'],
  Arn: ['Arn', 'ARN'],
  ARN: ['Arn', 'ARN'],
  Name: ['Name'],
};

/**
 * The parent supplying `key` of `child`, among `serviceTypes` (the types of the child's service), or
 * undefined when none can be inferred and the key must be given.
 */
export function inferParent(child: ResourceType, key: string, serviceTypes: readonly ResourceType[]): ParentLink | undefined {
  return infer(child, key, serviceTypes, new Set([child.typeName]));
}

function infer(child: ResourceType, key: string, serviceTypes: readonly ResourceType[], seen: Set<string>): ParentLink | undefined {
  for (const { stem, suffix } of readings(key)) {
    for (const [tier, parents] of namedTypes(stem, serviceTypes, child).entries()) {
      const links = parents.flatMap((parent) => {
        // A type the stem only ends with must have an identifier spelt as the key (`AgentRuntimeId`).
        const property = identifierNamed(parent, key, tier < 2 ? suffix : undefined);
        return property !== undefined && listable(parent, serviceTypes, seen) ? [{ typeName: parent.typeName, property }] : [];
      });
      // Two fitting parents (RTBFabric's requester and responder gateways) leave the key to the user.
      if (links.length > 0) return links.length === 1 ? links[0] : undefined;
    }
  }
  return undefined;
}

/** `ImageName` reads as Image + Name; a key that is a type's whole name (`DomainName`) names it too. */
function readings(key: string): { stem: string; suffix: Suffix | undefined }[] {
  const suffix = SUFFIXES.find((s) => key.length > s.length && key.endsWith(s));
  const split = suffix ? [{ stem: key.slice(0, -suffix.length), suffix }] : [];
  return [...split, { stem: key, suffix: undefined }];
}

/**
 * Types whose last name part is the stem first; then those whose last part ends with the stem
 * (`ApiId` → `GraphQLApi`); then those the stem ends with (`AgentRuntimeId` → `Runtime`).
 */
function namedTypes(stem: string, serviceTypes: readonly ResourceType[], child: ResourceType): ResourceType[][] {
  const others = serviceTypes.filter((t) => t.typeName !== child.typeName);
  const exact = others.filter((t) => lastPart(t).toLowerCase() === stem.toLowerCase());
  const longer = others.filter((t) => !exact.includes(t) && lastPart(t).endsWith(stem));
  const shorter = others.filter((t) => !exact.includes(t) && stem.endsWith(lastPart(t)));
  return [exact, longer, shorter];
}

/** The parent's single-property identifier (primary first) that the key names, if any. */
function identifierNamed(parent: ResourceType, key: string, suffix: Suffix | undefined): string | undefined {
  const singles = [parent.primaryIdentifier, ...parent.additionalIdentifiers].filter((ids) => ids.length === 1).map((ids) => ids[0]!);
  const accepted = suffix ? ACCEPTS[suffix] : [];
  const fits = (p: string) => p === key || accepted.some((s) => p === s || p === lastPart(parent) + s);
  return singles.find(fits);
}

function listable(type: ResourceType, serviceTypes: readonly ResourceType[], seen: Set<string>): boolean {
  if (!type.handlers.list || seen.has(type.typeName)) return false;
  const keys = type.listKeys.required;
  if (keys.length === 0) return true;
  if (keys.length > 1) return false;
  return infer(type, keys[0]!, serviceTypes, new Set([...seen, type.typeName])) !== undefined;
}

function lastPart(type: ResourceType): string {
  return type.typeName.split('::').at(-1)!;
}
