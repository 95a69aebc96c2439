/**
 * Stale data is said, not hidden: when Cloud Control returns a property the catalog has no column
 * for (the service is newer than the catalog), the row still carries it in `resource_model`, and
 * the database says so once per type and run through its warning hook; the CLI prints it on stderr.
 */

import type { ResourceType } from '../catalog/types.js';
import type { CcsqlWarning } from '../shapes.js';

export class StalePropertyNotices {
  readonly #warn: (warning: CcsqlWarning) => void;
  /** Types already checked and found stale (said once) or known properties per type. */
  readonly #said = new Set<string>();
  readonly #known = new WeakMap<ResourceType, ReadonlySet<string>>();

  constructor(warn: (warning: CcsqlWarning) => void) {
    this.#warn = warn;
  }

  notice(type: ResourceType, properties: Readonly<Record<string, unknown>>): void {
    if (this.#said.has(type.typeName)) return;
    let known = this.#known.get(type);
    if (!known) this.#known.set(type, (known = new Set(type.columns.map((c) => c.property))));
    const unknown = Object.keys(properties).filter((p) => !known.has(p));
    if (unknown.length === 0) return;
    this.#said.add(type.typeName);
    this.#warn({
      code: 'UNKNOWN_PROPERTIES',
      message: `${type.sqlName} (${type.typeName}) returned ${unknown.length === 1 ? 'a property' : 'properties'} the catalog has no column for (${unknown.join(', ')}): read ${unknown.length === 1 ? 'it' : 'them'} with json_extract(resource_model, '$.${unknown[0]}'), or run "ccsql catalog update" to add ${unknown.length === 1 ? 'it' : 'them'} as columns.`,
      typeName: type.typeName,
      properties: unknown,
    });
  }
}
