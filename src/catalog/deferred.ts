/**
 * A catalog read on first use: a statement that names no resource table (`select 1`) never parses
 * the catalog's index, so such a run does not pay for it (nor fail on a damaged user catalog).
 */
import type { Catalog } from './index.js';

export function deferredCatalog(load: () => Catalog): Catalog {
  let loaded: Catalog | undefined;
  const catalog = (): Catalog => (loaded ??= load());
  return {
    get size() {
      return catalog().size;
    },
    get inputs() {
      return catalog().inputs;
    },
    typeNames: () => catalog().typeNames(),
    sqlNames: () => catalog().sqlNames(),
    services: () => catalog().services(),
    resourcesOf: (service) => catalog().resourcesOf(service),
    has: (typeName) => catalog().has(typeName),
    byTypeName: (typeName) => catalog().byTypeName(typeName),
    resolve: (name) => catalog().resolve(name),
    all: () => catalog().all(),
  };
}
