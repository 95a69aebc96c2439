/**
 * Read after write: Cloud Control's reads lag its writes (emulator `settleMs`). A GetResource of a
 * resource this database created within the last minute retries ResourceNotFoundException with
 * backoff for up to 30 s; any other not-found is "no row" at once. Virtual time throughout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageArn, ROLE } from './support/session.js';
import { takeCalls, writeSession } from './support/writes.js';
import { VirtualTimers } from './support/virtual-timers.js';

const insert = (name: string) => `INSERT INTO awscc.sagemaker.images (region, ImageName, ImageRoleArn) VALUES ('us-east-1', '${name}', '${ROLE}')`;
const byId = (name: string) => `SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn(name)}'`;

async function createdThen(settleMs: number) {
  const vt = new VirtualTimers();
  const s = await writeSession(undefined, { timers: vt }, { clock: () => vt.now(), settleMs });
  await vt.drive(s.db.execute(insert('fresh')));
  s.emulator.clearCalls();
  vt.delays.length = 0;
  return { vt, s };
}

test('a just-created resource that reads NotFound is read again with backoff until it appears', async (t) => {
  const { vt, s } = await createdThen(5_000);
  t.after(() => s.close());
  const started = vt.now();
  assert.deepEqual(await vt.drive(s.db.query(byId('fresh'))), [{ image_name: 'fresh' }]);
  const calls = takeCalls(s);
  assert.deepEqual(calls.map((c) => [c.op, c.error ?? '']), [
    ...Array(5).fill(['GetResource', 'ResourceNotFoundException']),
    ['GetResource', ''],
  ]);
  assert.deepEqual(vt.delays, [250, 500, 1000, 2000, 4000], 'backoff doubling from 250 ms');
  assert.ok(vt.now() - started >= 5_000);
});

test('the retries are bounded: after 30 s a resource still not visible is no row', async (t) => {
  const { vt, s } = await createdThen(120_000);
  t.after(() => s.close());
  const started = vt.now();
  assert.deepEqual(await vt.drive(s.db.query(byId('fresh'))), []);
  assert.equal(vt.now() - started, 30_000);
  const calls = takeCalls(s);
  assert.equal(calls.length, 12);
  assert.ok(calls.every((c) => c.op === 'GetResource' && c.error === 'ResourceNotFoundException'));
});

test('a resource this database did not write is no row at once; so is one written over a minute ago', async (t) => {
  const { vt, s } = await createdThen(120_000);
  t.after(() => s.close());
  assert.deepEqual(await vt.drive(s.db.query(byId('never-made'))), []);
  assert.equal(takeCalls(s).length, 1, 'one GetResource, no retry');
  await vt.drive(new Promise<void>((resolve) => vt.setTimeout(resolve, 61_000)));
  assert.deepEqual(await vt.drive(s.db.query(byId('fresh'))), []);
  assert.equal(takeCalls(s).length, 1, 'the write is no longer recent');
});
