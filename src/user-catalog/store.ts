/**
 * The user catalog on disk: what `ccsql catalog update` read from the account's registry, kept
 * under `$XDG_CACHE_HOME/ccsql` (default `~/.cache/ccsql`, or `--catalog-dir`):
 *
 *   catalog/index.json, catalog/services/*.json   the types that differ from the bundled catalog
 *                                                 (same layout, so the same lazy loader reads it)
 *   state.json                                    where and when it was read, and every type's
 *                                                 LastUpdated and version, to describe only what
 *                                                 changed next time
 *
 * Opening a database reads `catalog/index.json` only; a type file is read when its table is used.
 */

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { INDEX_FILE } from '../catalog/files.js';
import { defaultCatalog, loadCatalog, type Catalog } from '../catalog/index.js';
import { overlayCatalog } from '../catalog/overlay.js';

export interface TypeRecord {
  readonly visibility: 'PUBLIC' | 'PRIVATE';
  readonly provisioningType: string;
  readonly lastUpdated?: string;
  readonly versionId?: string;
  /** Whether the account's type differs from the bundled one (it is then in catalog/). */
  readonly differs: boolean;
}

export interface UserCatalogState {
  readonly version: 1;
  readonly region: string;
  readonly account?: string;
  readonly endpoint?: string;
  /** ISO time of the update. */
  readonly updatedAt: string;
  /** The bundled catalog's inputs it was compared with. */
  readonly bundled: readonly string[];
  readonly types: Readonly<Record<string, TypeRecord>>;
}

const STATE_FILE = 'state.json';
const CATALOG = 'catalog';

export function defaultUserCatalogDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'ccsql');
}

export function readState(dir: string): UserCatalogState | undefined {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as UserCatalogState;
}

/** The user catalog alone (undefined when there is none). */
export function loadUserCatalog(dir: string): Catalog | undefined {
  const catalogDir = join(dir, CATALOG);
  return existsSync(join(catalogDir, INDEX_FILE)) ? loadCatalog(catalogDir) : undefined;
}

/** The bundled catalog with the user catalog in `dir` over it, when there is one. */
export function openCatalog(dir: string | undefined, bundled: Catalog = defaultCatalog()): Catalog {
  const user = dir === undefined ? undefined : loadUserCatalog(dir);
  return user ? overlayCatalog(bundled, user) : bundled;
}

/**
 * Writes the catalog files and the state into a fresh folder beside the old one and swaps it in,
 * so a run that opens the catalog meanwhile sees the old one or the new one, never half of each.
 */
export function writeUserCatalog(dir: string, files: ReadonlyMap<string, string>, state: UserCatalogState): void {
  const staging = `${dir}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [path, content] of files) {
    const target = join(staging, CATALOG, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, STATE_FILE), `${JSON.stringify(state, null, 1)}\n`);
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
}

/** `ccsql catalog reset`: back to the bundled catalog. Answers whether there was a user catalog. */
export function resetUserCatalog(dir: string): boolean {
  const had = existsSync(join(dir, STATE_FILE)) || existsSync(join(dir, CATALOG));
  rmSync(join(dir, CATALOG), { recursive: true, force: true });
  rmSync(join(dir, STATE_FILE), { force: true });
  return had;
}
