/**
 * The user catalog's public face, for the library and `ccsql catalog`: update it from the account's
 * registry, say what it holds, go back to the bundled catalog.
 *
 * @example
 * await updateUserCatalog({ region: 'us-east-1' });          // ~/.cache/ccsql
 * const db = await open({ region: 'us-east-1', catalogDir: defaultUserCatalogDir() });
 */

import { defaultCatalog, type Catalog } from '../catalog/index.js';
import { createCloud, type Cloud, type CloudOptions } from '../cloud/index.js';
import { defaultUserCatalogDir, loadUserCatalog, readState } from './store.js';
import { updateCatalog, type UpdateReport } from './update.js';

export { defaultUserCatalogDir, openCatalog, resetUserCatalog } from './store.js';
export type { UpdateReport } from './update.js';

export interface UpdateUserCatalogOptions extends CloudOptions {
  readonly region?: string;
  /** Where the user catalog lives (default `$XDG_CACHE_HOME/ccsql`, else `~/.cache/ccsql`). */
  readonly catalogDir?: string;
  readonly cloud?: Cloud;
  readonly bundled?: Catalog;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface UpdateUserCatalogReport extends UpdateReport {
  readonly dir: string;
  readonly region: string;
  /** Call attempts made (throttled ones included), and how many were throttled. */
  readonly calls: number;
  readonly throttles: number;
}

export async function updateUserCatalog(options: UpdateUserCatalogOptions = {}): Promise<UpdateUserCatalogReport> {
  // The SDK is loaded only when an update runs: importing ccsql stays light.
  const region = options.region ?? (await (await import('../cloud/region.js')).resolveDefaultRegion(options.profile));
  const dir = options.catalogDir ?? defaultUserCatalogDir();
  const cloud = options.cloud ?? createCloud(options);
  const before = { calls: cloud.stats.calls, throttles: cloud.stats.throttles };
  try {
    const report = await updateCatalog({
      cloud,
      region,
      dir,
      bundled: options.bundled ?? defaultCatalog(),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...report, dir, region, calls: cloud.stats.calls - before.calls, throttles: cloud.stats.throttles - before.throttles };
  } finally {
    if (!options.cloud) cloud.destroy();
  }
}

export interface CatalogStatus {
  readonly dir: string;
  /** `bundled`, or `account` when an update wrote a user catalog. */
  readonly source: 'bundled' | 'account';
  readonly account?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly updatedAt?: string;
  /** Types listed by the account's registry at the update. */
  readonly listed: number;
  /** Types that differ from the bundled catalog, and of those the ones it does not have. */
  readonly differs: number;
  readonly added: number;
  readonly bundled: readonly string[];
}

export function catalogStatus(catalogDir: string = defaultUserCatalogDir(), bundled: Catalog = defaultCatalog()): CatalogStatus {
  const state = readState(catalogDir);
  const user = loadUserCatalog(catalogDir);
  const bundledInputs = bundled.inputs ?? [];
  if (!state || !user) return { dir: catalogDir, source: 'bundled', listed: 0, differs: 0, added: 0, bundled: bundledInputs };
  const names = user.typeNames();
  return {
    dir: catalogDir,
    source: 'account',
    ...(state.account ? { account: state.account } : {}),
    region: state.region,
    ...(state.endpoint ? { endpoint: state.endpoint } : {}),
    updatedAt: state.updatedAt,
    listed: Object.keys(state.types).length,
    differs: names.length,
    added: names.filter((name) => !bundled.has(name)).length,
    bundled: bundledInputs,
  };
}
