/** The layout of the committed catalog, shared by the generator and the run-time loader. */

import type { ResourceType } from './types.js';

/** One line of `catalog/index.json`. */
export interface IndexEntry {
  readonly typeName: string;
  readonly sqlName: string;
  readonly service: string;
  readonly singular?: string;
  /** Relative to the catalog folder: `services/sagemaker.json`. */
  readonly file: string;
}

export interface CatalogIndex {
  readonly version: 1;
  /** What the catalog was generated from: `registry schemas (1489 types)`, `@aws-cdk/aws-service-spec@0.1.216`. */
  readonly inputs?: readonly string[];
  readonly types: readonly IndexEntry[];
}

export interface ServiceFile {
  readonly service: string;
  readonly types: readonly ResourceType[];
}

export const INDEX_FILE = 'index.json';

export function serviceFilePath(service: string): string {
  return `services/${service}.json`;
}
