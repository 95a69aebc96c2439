/**
 * Bundles the command (dist/cli/main.js, compiled by tsc) into dist/cli-bundle/, split at every
 * dynamic import so that `ccsql "select 1"` loads only the chunks it needs: start-up is mostly
 * Node loading modules, so fewer and smaller files start faster.
 *
 * Packages stay outside the bundle where they must or where it gains nothing: better-sqlite3 (a
 * native addon), yargs (it reads its locale files from its own folder), and the AWS SDK and the
 * other dependencies, which only a statement that needs them loads. yargs-parser, which parses
 * every command line, is bundled: as a package it is five more modules on every start.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['yargs-parser']);
const manifest = (await import('../package.json', { with: { type: 'json' } })).default;
const external = Object.keys(manifest.dependencies).filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]);

rmSync('dist/cli-bundle', { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli/main.js'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  outdir: 'dist/cli-bundle',
  external: [...external, '@smithy/*'],
  logLevel: 'warning',
});
