/**
 * The parent of a child listing as docs/child-tables.md states the rule, restated here from the
 * schemas so the tests have something to hold src/catalog/parents.ts to: every type of the child's
 * service that can be listed and has a single-property identifier the key names is a candidate,
 * ranked by how the key names it (split at a suffix before whole; then the type's last name part
 * equal to the stem, ending with it, or ending the stem); the parent is the only candidate of the best
 * rank, and there is none when no type fits or two fit equally well.
 */
import type { Catalog } from '../../src/catalog/index.js';
import type { ResourceType } from '../../src/catalog/types.js';

const SUFFIXES = ['Identifier', 'Id', 'ARN', 'Arn', 'Name'] as const;
type Suffix = (typeof SUFFIXES)[number];

/** The identifier spellings a key with each suffix may name (an `Identifier` is an id or an ARN). */
const KINDS: Record<Suffix, readonly string[]> = {
  Identifier: ['Identifier', 'Id', 'Arn', 'ARN'],
  Id: ['Id', 'Identifier'],
  ARN: ['Arn', 'ARN'],
  Arn: ['Arn', 'ARN'],
  Name: ['Name'],
};

export interface Candidate {
  readonly typeName: string;
  readonly property: string;
  /** Lower is better: reading × 3 + how the type's name meets the stem. */
  readonly rank: number;
}

export class ParentRule {
  readonly #catalog: Catalog;
  readonly #memo = new Map<string, Candidate | null>();

  constructor(catalog: Catalog) {
    this.#catalog = catalog;
  }

  /** Every type that fits `key` of `child`, with its rank. */
  candidates(child: ResourceType, key: string, seen: ReadonlySet<string> = new Set([child.typeName])): Candidate[] {
    const found: Candidate[] = [];
    const suffix = SUFFIXES.find((s) => key.endsWith(s) && key.length > s.length);
    const readings = [...(suffix ? [{ stem: key.slice(0, -suffix.length), suffix }] : []), { stem: key, suffix: undefined }];
    for (const other of this.#catalog.resourcesOf(child.service)) {
      const type = this.#catalog.byTypeName(other.typeName)!;
      if (type.typeName === child.typeName) continue;
      const last = type.typeName.split('::').at(-1)!;
      readings.forEach(({ stem, suffix: s }, reading) => {
        const meets = last.toLowerCase() === stem.toLowerCase() ? 0 : last.endsWith(stem) ? 1 : stem.endsWith(last) ? 2 : undefined;
        if (meets === undefined) return;
        const spellings = new Set([key, ...(s && meets < 2 ? KINDS[s].flatMap((kind) => [kind, last + kind]) : [])]);
        const property = singleIdentifiers(type).find((p) => spellings.has(p));
        if (property !== undefined && this.#listable(type, new Set([...seen, type.typeName]))) found.push({ typeName: type.typeName, property, rank: reading * 3 + meets });
      });
    }
    return found;
  }

  /** The parent the rule gives, or undefined when the key must be given. */
  parent(child: ResourceType, key: string, seen: ReadonlySet<string> = new Set([child.typeName])): Candidate | undefined {
    const id = `${child.typeName} ${key} ${[...seen].join(',')}`;
    if (!this.#memo.has(id)) {
      const all = this.candidates(child, key, seen);
      const best = Math.min(...all.map((c) => c.rank));
      const top = all.filter((c) => c.rank === best);
      this.#memo.set(id, new Set(top.map((c) => c.typeName)).size === 1 ? top[0]! : null);
    }
    return this.#memo.get(id) ?? undefined;
  }

  #listable(type: ResourceType, seen: ReadonlySet<string>): boolean {
    if (!type.handlers.list) return false;
    const keys = type.listKeys.required;
    return keys.length === 0 || (keys.length === 1 && this.parent(type, keys[0]!, seen) !== undefined);
  }
}

function singleIdentifiers(type: ResourceType): string[] {
  return [type.primaryIdentifier, ...type.additionalIdentifiers].filter((ids) => ids.length === 1).map((ids) => ids[0]!);
}
