/**
 * How ccsql is built and what `npm pack` ships. A clone (or a git dependency) builds dist/ at
 * `npm install` through the prepare script; the tarball is packed from a dist/ emptied by prepack and
 * built again by prepare (npm runs prepack, then prepare, then packs), so installing the tarball
 * compiles no TypeScript and needs no dev dependency: npm never runs prepare for a registry install.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHILD_DEADLINE_MS } from './support/child.js';
import { ROOT, SKIP_UNBUILT } from './support/cli.js';
import { BUILT } from './support/prerequisites.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; bin: Record<string, string>; main: string };

test('a clone builds at npm install (prepare); the tarball is built from an empty dist/ and its install builds nothing', () => {
  for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(pkg.scripts[hook], undefined, hook);
  assert.equal(pkg.scripts.prepare, 'npm run build');
  assert.match(pkg.scripts.prepack!, /rmSync\('dist'/);
  assert.doesNotMatch(pkg.scripts.prepack!, /npm run build/, 'prepare builds right after prepack: building here too would build twice');
  for (const dev of ['typescript', 'tsx', '@types/node']) assert.equal(pkg.dependencies[dev], undefined, dev);
});

test('a command whose dist/ is missing says so in one line and exits 1', () => {
  const home = mkdtempSync(join(tmpdir(), 'ccsql-unbuilt-'));
  try {
    mkdirSync(join(home, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'ccsql.js'), join(home, 'bin', 'ccsql.js'));
    writeFileSync(join(home, 'package.json'), JSON.stringify({ type: 'module' }));
    const run = spawnSync(process.execPath, [join(home, 'bin', 'ccsql.js'), 'select 1'], { encoding: 'utf8', timeout: CHILD_DEADLINE_MS });
    assert.equal(run.error, undefined);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'ccsql is not built: run npm run build\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
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
