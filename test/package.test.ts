/**
 * What `npm pack` ships: the built JavaScript (dist/), the command, the catalog and the SQL files,
 * built before packing (prepack) so installing the tarball compiles no TypeScript and needs no dev
 * dependency.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHILD_DEADLINE_MS } from './support/child.js';
import { ROOT, SKIP_UNBUILT } from './support/cli.js';
import { BUILT } from './support/prerequisites.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; bin: Record<string, string>; main: string };

test('installing runs no build: the build happens before packing', () => {
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) assert.equal(pkg.scripts[hook], undefined, hook);
  assert.match(pkg.scripts.prepack!, /npm run build/);
  for (const dev of ['typescript', 'tsx', '@types/node']) assert.equal(pkg.dependencies[dev], undefined, dev);
});

test('the tarball holds dist/, the command, the catalog and the SQL files, and no TypeScript source', { skip: SKIP_UNBUILT }, () => {
  BUILT.need();
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: CHILD_DEADLINE_MS })) as { files: { path: string }[] }[];
  const files = new Set(packed!.files.map((f) => f.path));
  for (const needed of ['bin/ccsql.js', pkg.main, 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli-bundle/main.js', 'dist/emulator/index.js', 'catalog/index.json', 'sql/write-view.sql', 'README.md']) {
    assert.ok(files.has(needed), `${needed} is packed`);
  }
  assert.deepEqual([...files].filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.ts') && !f.endsWith('.d.ts')), []);
  assert.equal(pkg.bin.ccsql, 'bin/ccsql.js');
});
