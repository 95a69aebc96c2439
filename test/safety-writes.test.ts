/**
 * Writes send what the statement says and nothing else: a cached read never hides a change, internal
 * staging is out of reach of user SQL, a malformed RETURNING sends nothing, a region typo is refused
 * before it is journaled.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../src/emulator/index.js';
import { open, type CcsqlError } from '../src/index.js';
import { imageEstate } from './support/session.js';
import { imageArn, opsOf, ROLE, takeCalls, writeCalls, writeSession } from './support/writes.js';

const IMAGES = 'awscc.sagemaker.images';
const DESCRIPTION = `SELECT image_description FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-000'`;

test('with a cache, a write invalidates what it touched: reads see it and a write back is sent', async (t) => {
  const s = await writeSession(imageEstate(2), { cacheTtlMs: 3_600_000 });
  t.after(() => s.close());
  assert.deepEqual(await s.db.query(DESCRIPTION), [{ image_description: 'image 0' }]);
  await s.db.execute(`UPDATE ${IMAGES} SET image_description = 'changed' WHERE region = 'us-east-1' AND image_name = 'img-000'`);
  assert.deepEqual(await s.db.query(DESCRIPTION), [{ image_description: 'changed' }]);
  takeCalls(s);
  await s.db.execute(`UPDATE ${IMAGES} SET image_description = 'image 0' WHERE region = 'us-east-1' AND image_name = 'img-000'`);
  const sent = writeCalls(takeCalls(s));
  assert.deepEqual(sent.map((c) => [c.op, c.body.Identifier, c.body.PatchDocument]), [['UpdateResource', imageArn('img-000'), [{ op: 'replace', path: '/ImageDescription', value: 'image 0' }]]]);
  assert.deepEqual(await s.db.query(DESCRIPTION), [{ image_description: 'image 0' }]);
  // A create and a delete show in the listing the next statement reads.
  await s.db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn) VALUES ('img-new', '${ROLE}')`);
  await s.db.execute(`DELETE FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-001'`);
  const names = await s.db.query(`SELECT image_name FROM ${IMAGES} WHERE region = 'us-east-1' ORDER BY 1`);
  assert.deepEqual(names, [{ image_name: 'img-000' }, { image_name: 'img-new' }]);
});

test('the internal writable views and staging table cannot be named in user SQL', async (t) => {
  const s = await writeSession(imageEstate(2));
  t.after(() => s.close());
  await s.db.execute(`DELETE FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'none'`);
  for (const sql of [
    `DELETE FROM "${IMAGES}:write" WHERE image_name = 'img-001'`,
    `INSERT INTO [${IMAGES}:write] (image_name, image_role_arn) VALUES ('sneaky', '${ROLE}')`,
    "INSERT INTO temp.ccsql_staged (view, op, old) VALUES ('x', 'DELETE', '[]')",
    'SELECT * FROM ccsql_staged',
    `DROP TRIGGER "${IMAGES}:write:delete"`,
  ]) {
    await assert.rejects(s.db.execute(sql), (e: CcsqlError) => e.code === 'UNKNOWN_TABLE' && /internal to ccsql/.test(e.message), sql);
  }
  takeCalls(s);
  await s.db.execute(`DELETE FROM ${IMAGES} WHERE region = 'us-east-1' AND image_name = 'img-000'`);
  assert.deepEqual(writeCalls(takeCalls(s)).map((c) => [c.op, c.body.Identifier]), [['DeleteResource', imageArn('img-000')]]);
});

test('a malformed RETURNING is refused before anything is sent', async (t) => {
  const s = await writeSession();
  t.after(() => s.close());
  const insert = `INSERT INTO ${IMAGES} (image_name, image_role_arn) VALUES ('r', '${ROLE}')`;
  for (const returning of ['RETURNING', 'RETURNING Identifier OperationStatus', 'RETURNING Identifier,', 'RETURNING , Identifier', 'RETURNING Identifier AS id', 'RETURNING Identifier + 1', 'RETURNING (Identifier)', 'RETURNING Bogus']) {
    await assert.rejects(s.db.execute(`${insert} ${returning}`), (e: CcsqlError) => e.code === 'SQL_ERROR' || e.code === 'UNKNOWN_COLUMN', returning);
  }
  assert.deepEqual(opsOf(takeCalls(s)), []);
  const ok = await s.db.execute(`${insert} RETURNING "Identifier", OperationStatus`);
  assert.deepEqual(ok.rows, [{ Identifier: imageArn('r'), OperationStatus: 'SUCCESS' }]);
});

test('a region that is no AWS region is refused before it is journaled, naming the nearest real one', async (t) => {
  const s = await writeSession(imageEstate(1));
  t.after(() => s.close());
  takeCalls(s);
  for (const [region, nearest] of [['us-east-11', 'us-east-1'], ['us-est-1', 'us-east-1'], ['eu-wset-1', 'eu-west-1'], ['us-west', 'us-west-1']] as const) {
    await assert.rejects(
      s.db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn, region) VALUES ('typo', '${ROLE}', '${region}')`),
      (e: CcsqlError) => e.code === 'UNKNOWN_REGION' && e.details.region === region && e.details.nearest === nearest && e.message.includes(`"${nearest}"`),
      region,
    );
  }
  await assert.rejects(s.db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn, region) VALUES ('typo', '${ROLE}', 'mars-1')`), (e: CcsqlError) => e.code === 'UNKNOWN_REGION');
  await assert.rejects(s.db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn, region) VALUES ('typo', '${ROLE}', 'us-east-11')`, [], { dryRun: true }), (e: CcsqlError) => e.code === 'UNKNOWN_REGION');
  assert.deepEqual(await s.db.query('SELECT count(*) AS n FROM ccsql_requests'), [{ n: 0 }]);
  assert.deepEqual(opsOf(takeCalls(s)), []);
});

test('a Create answered with an unreadable 200 is resolved by resending its ClientToken, not reported failed', async (t) => {
  const emulator = await startEmulator({ port: 0, asyncPolls: 1 });
  emulator.unreadable(1, ['CreateResource']);
  const db = await open({ region: 'us-east-1', endpointUrl: emulator.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' }, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  t.after(async () => {
    await db.close();
    await emulator.close();
  });
  const result = await db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn) VALUES ('once', '${ROLE}') RETURNING Identifier, OperationStatus`);
  assert.deepEqual(result.rows, [{ Identifier: imageArn('once'), OperationStatus: 'SUCCESS' }]);
  const creates = emulator.calls.filter((c) => c.op === 'CreateResource');
  assert.equal(creates.length, 2);
  assert.equal(creates[0]!.body.ClientToken, creates[1]!.body.ClientToken);
  const listed = await db.query(`SELECT image_arn FROM ${IMAGES}_list_only WHERE region = 'us-east-1'`);
  assert.deepEqual(listed, [{ image_arn: imageArn('once') }]);
  assert.deepEqual(await db.query('SELECT status FROM ccsql_requests'), [{ status: 'SUCCESS' }]);
});

test('a Create whose answers stay unreadable is WRITE_UNCERTAIN and stays journaled, never WRITE_FAILED', async (t) => {
  const emulator = await startEmulator({ port: 0, asyncPolls: 1 });
  emulator.unreadable(10, ['CreateResource']);
  const db = await open({ region: 'us-east-1', endpointUrl: emulator.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' }, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  t.after(async () => {
    await db.close();
    await emulator.close();
  });
  await assert.rejects(db.execute(`INSERT INTO ${IMAGES} (image_name, image_role_arn) VALUES ('maybe', '${ROLE}')`), (e: CcsqlError) => e.code === 'WRITE_UNCERTAIN');
  assert.equal(emulator.calls.filter((c) => c.op === 'CreateResource').length, 3, 'sent three times, each answer unreadable');
  assert.deepEqual(await db.query('SELECT status, finished_at FROM ccsql_requests'), [{ status: 'QUEUED', finished_at: null }]);
});
