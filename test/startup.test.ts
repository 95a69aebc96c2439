import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

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
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { rows: [{ one: 1 }], regions: [], sdk: 0 });
});

test('a resource table without any region configured fails in one sentence naming the ways to set one', () => {
  const script = `
    import { open } from './src/index.ts';
    const db = await open();
    try { await db.query('SELECT * FROM awscc.s3.buckets'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
    await db.close();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { code, message } = JSON.parse(run.stdout) as { code: string; message: string };
  assert.equal(code, 'INVALID_ARGUMENT');
  assert.match(message, /--region .*AWS_REGION/);
});
