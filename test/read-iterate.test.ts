import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageEstate, session } from './support/session.js';

const SQL = "SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_name";

test('db.iterate yields the rows execute returns, with the same calls, one row at a time', async (t) => {
  const s = await session(imageEstate(40));
  t.after(() => s.close());
  const all = await s.db.query(SQL);
  const queried = s.take();
  const streamed: unknown[] = [];
  for await (const row of s.db.iterate(SQL)) streamed.push(row);
  assert.deepEqual(streamed, all);
  assert.deepEqual(s.take().sort(), queried.sort());
});

test('breaking out of db.iterate frees the database for the next statement', async (t) => {
  const s = await session(imageEstate(10));
  t.after(() => s.close());
  let seen = 0;
  for await (const _ of s.db.iterate(SQL)) if ((seen += 1) === 2) break;
  assert.equal(seen, 2);
  assert.deepEqual(await s.db.query('SELECT 1 AS one'), [{ one: 1 }]);
});

test('db.iterate runs a write or a metadata statement as execute would', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  const made: unknown[] = [];
  for await (const row of s.db.iterate('CREATE TABLE t (a)')) made.push(row);
  assert.deepEqual(made, []);
  const described: { name: string }[] = [];
  for await (const row of s.db.iterate<{ name: string }>('DESCRIBE awscc.sagemaker.images')) described.push(row);
  assert.ok(described.some((r) => r.name === 'image_name'));
});
