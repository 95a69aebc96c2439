import type { Catalog } from '../catalog/index.js';
import type { ResourceType } from '../catalog/types.js';
import type { Cloud } from '../cloud/index.js';
import type { ColumnUse } from './column-use.js';
import type { FetchStore } from './store.js';

/** What every table function of one database shares. */
export interface BridgeContext {
  readonly catalog: Catalog;
  readonly cloud: Cloud;
  readonly store: FetchStore;
  /** The regions a query that names none reads from. */
  regions(): readonly string[];
  /** The signal of the statement in progress (cancelled by Ctrl-C in the shell). */
  signal(): AbortSignal | undefined;
  /** What the statement in progress reads from each resource table (undefined: assume everything). */
  columnUse(): ColumnUse | undefined;
  /** Hears every GetResource model a table reads, to say once per type when it has unknown properties. */
  noticeProperties(type: ResourceType, properties: Readonly<Record<string, unknown>>): void;
}
