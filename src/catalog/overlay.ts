/**
 * Two catalogs as one: the types of `top` (the user catalog, or the emulator's `--schemas`) take
 * the place of the same types in `base` (the bundled catalog), and add the ones `base` lacks. Both
 * stay lazy: a name is answered from their indexes, and a type file is read only for a type used.
 */

import type { Catalog, ResolvedTable } from './index.js';
import type { ResourceType } from './types.js';

export function overlayCatalog(base: Catalog, top: Catalog): Catalog {
  const topTypes = new Set(top.typeNames());
  const baseTypes = base.typeNames().filter((t) => !topTypes.has(t));
  const kept = new Set(baseTypes);
  const typeNames = [...baseTypes, ...topTypes];
  const sqlNames = [...base.sqlNames().filter((_n, i) => kept.has(base.typeNames()[i]!)), ...top.sqlNames()];
  return {
    size: typeNames.length,
    ...(base.inputs ? { inputs: [...base.inputs, ...(top.inputs ?? [])] } : {}),
    typeNames: () => typeNames,
    sqlNames: () => sqlNames,
    services: () => [...new Set([...base.services(), ...top.services()])].sort(),
    resourcesOf(service) {
      const rows = [...base.resourcesOf(service).filter((r) => kept.has(r.typeName)), ...top.resourcesOf(service)];
      return rows.sort((a, b) => (a.sqlName < b.sqlName ? -1 : a.sqlName > b.sqlName ? 1 : 0));
    },
    has: (typeName) => kept.has(typeName) || topTypes.has(typeName),
    byTypeName: (typeName) => (topTypes.has(typeName) ? top.byTypeName(typeName) : base.byTypeName(typeName)),
    resolve(name): ResolvedTable | undefined {
      const hit = top.resolve(name);
      if (hit) return hit;
      const below = base.resolve(name);
      if (!below || !topTypes.has(below.type.typeName)) return below;
      // A superseded type keeps its bundled names (a singular alias, say) for the newer entry.
      return Object.freeze({ type: top.byTypeName(below.type.typeName) as ResourceType, variant: below.variant });
    },
    *all() {
      for (const typeName of baseTypes) yield base.byTypeName(typeName)!;
      yield* top.all();
    },
  };
}
