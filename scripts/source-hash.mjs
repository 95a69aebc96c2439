/**
 * A hash of what `npm run build` builds from: src/ and the files that shape its output. The bundle
 * carries it (bundle-cli.mjs writes it on main.js's first line), so the tests that run the built
 * command can tell a bundle of this source from one left by an older checkout or an unbuilt edit.
 * Content, not modification times: a checkout, a copy or a touch moves times without changing code.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-cli.mjs', 'scripts/source-hash.mjs'];

/** The first line of the bundle's main.js, for the source under `root`. */
export function sourceStamp(root) {
  return `// ccsql built from source ${sourceHash(root)}`;
}

export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(root, input)).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(root, input) {
  if (statSync(join(root, input)).isFile()) return [input];
  const entries = readdirSync(join(root, input), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}
