import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CHILD_DEADLINE_MS, finished } from './support/child.js';
import { builtBin, SKIP_UNBUILT } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const MODULE_TRACE = join(import.meta.dirname, 'support', 'module-trace.mjs');

// A statement that touches no resource table needs no region, no credentials and no AWS SDK code.
test('a statement without resource tables needs no region or credentials and loads no AWS SDK module', () => {
  const script = `
    import { createRequire } from 'node:module';
    import { open } from './src/index.ts';
    const db = await open();
    const rows = await db.query('SELECT 1 AS one');
    const sdk = Object.keys(createRequire(import.meta.url).cache).filter((p) => /@aws-sdk|@smithy/.test(p));
    console.log(JSON.stringify({ rows, regions: db.regions, sdk: sdk.length }));
    await db.close();`;
  const run = finished(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, encoding: 'utf8', timeout: CHILD_DEADLINE_MS }), 'SELECT 1 in a child process');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { rows: [{ one: 1 }], regions: [], sdk: 0 });
});

test('a resource table without any region configured fails in one sentence naming the ways to set one', () => {
  const script = `
    import { open } from './src/index.ts';
    const db = await open();
    try { await db.query('SELECT * FROM awscc.s3.buckets'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
    await db.close();`;
  const run = finished(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, encoding: 'utf8', timeout: CHILD_DEADLINE_MS }), 'a resource table without a region, in a child process');
  assert.equal(run.status, 0, run.stderr);
  const { code, message } = JSON.parse(run.stdout) as { code: string; message: string };
  assert.equal(code, 'INVALID_ARGUMENT');
  assert.match(message, /--region .*AWS_REGION/);
});

/**
 * `ccsql "select 1"` as a user runs it, with every ES module it loads recorded: no AWS SDK, no yargs
 * (nor its help rendering), and no catalog read. The user catalog given is damaged, so a run that
 * read it would fail; a statement naming a resource table does read it, and fails saying so.
 */
describe('ccsql "select 1"', { skip: SKIP_UNBUILT }, () => {
  function runTraced(args: string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'ccsql-startup-'));
    const trace = join(dir, 'modules.txt');
    mkdirSync(join(dir, 'cache', 'ccsql', 'catalog', 'index.json'), { recursive: true });
    const env = { PATH: process.env.PATH ?? '', HOME: '/nonexistent', XDG_CACHE_HOME: join(dir, 'cache'), CCSQL_MODULE_TRACE: trace };
    const run = finished(spawnSync(process.execPath, ['--import', MODULE_TRACE, builtBin(), ...args], { cwd: root, env, encoding: 'utf8', timeout: CHILD_DEADLINE_MS }), `ccsql ${args.join(' ')}`);
    const modules = existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n') : [];
    rmSync(dir, { recursive: true, force: true });
    return { ...run, modules };
  }

  test('loads no AWS SDK, no yargs and no catalog, and needs no region or credentials', () => {
    const run = runTraced(['select 1']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '+---+\n| 1 |\n+---+\n| 1 |\n+---+\n');
    assert.ok(run.modules.some((url) => url.endsWith('/dist/cli-bundle/main.js')), 'the trace sees the command');
    assert.deepEqual(run.modules.filter((url) => /\/node_modules\/(@aws-sdk|@smithy|yargs|cliui|y18n|string-width)\//.test(url)), []);
  });

  // Chunk names are content hashes, so the test reads what the loaded chunks hold.
  test('loads neither the resource tables, the write path, the SQL rewrite, templates, the MCP server, deploy, nor the packages they use', () => {
    const run = runTraced(['select 1']);
    assert.equal(run.status, 0, run.stderr);
    const sources = run.modules.filter((url) => url.includes('/dist/cli-bundle/')).map((url) => readFileSync(new URL(url), 'utf8')).join('\n');
    for (const marker of ['class ResourceTables', 'class TableRegistry', 'class FetchStore', 'class Writer', 'class Journal', 'function rewriteStatement', 'function runRounds', 'function runMeta', 'function render(', 'function runShell', 'function createCcsqlMcpServer', 'function loadManifest', 'class StackContext']) {
      assert.ok(!sources.includes(marker), `${marker} is loaded by "select 1"`);
    }
    assert.deepEqual(run.modules.filter((url) => /\/node_modules\/(pluralize|fastest-levenshtein|yaml|rfc6902|@modelcontextprotocol|zod)\/|^node:readline/.test(url)), []);
  });

  test('the catalog is read when a statement names a resource table', () => {
    const run = runTraced(['-r', 'us-east-1', 'SELECT * FROM awscc.s3.buckets']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^Error: The catalog file ".*index\.json" cannot be read/);
  });

  test('--help still loads yargs and prints the full help', () => {
    const run = runTraced(['--help']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Examples:$/m);
    assert.ok(run.modules.some((url) => /\/node_modules\/yargs\//.test(url)));
  });
});
