/**
 * Bundles the command (dist/cli/main.js, compiled by tsc) into dist/cli-bundle/, split at every
 * dynamic import so that `ccsql "select 1"` loads only what it needs: start-up is mostly Node
 * loading modules, so fewer and smaller files start faster. Rollup rather than esbuild: Rollup knows
 * that whatever a dynamically imported chunk shares with the entry is already loaded by then, and
 * keeps it in the entry's chunk, where esbuild makes a small shared chunk of each (20 files on the
 * plain path against Rollup's 8).
 *
 * Packages stay outside the bundle where they must or where it gains nothing: better-sqlite3 (a
 * native addon), yargs (it reads its locale files from its own folder), and the AWS SDK and the
 * other dependencies, which only a statement that needs them loads. yargs-parser, which parses
 * every command line, is bundled: as a package it is five more modules on every start.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { sourceStamp } from './source-hash.mjs';

const BUNDLED = new Set(['yargs-parser']);
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !BUNDLED.has(name));
const isExternal = (id) => id.startsWith('node:') || id.startsWith('@smithy/') || external.some((name) => id === name || id.startsWith(`${name}/`));

rmSync('dist/cli-bundle', { recursive: true, force: true });
const bundle = await rollup({
  input: 'dist/cli/main.js',
  external: isExternal,
  plugins: [nodeResolve({ preferBuiltins: true })],
  // A warning (an unresolved import, a cycle) is a build that may not run: stop.
  onwarn(warning) {
    throw new Error(`Bundling the command: ${warning.message}`);
  },
});
// main.js names the source it was built from, so the tests of the command know a stale bundle (source-hash.mjs).
const stamp = sourceStamp(fileURLToPath(new URL('..', import.meta.url)));
await bundle.write({ dir: 'dist/cli-bundle', format: 'es', entryFileNames: 'main.js', chunkFileNames: 'chunk-[hash].js', banner: (chunk) => (chunk.isEntry ? stamp : '') });
await bundle.close();
