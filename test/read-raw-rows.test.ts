/** A read's rows as arrays beside the column list: every column of a join kept, with declared types. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageEstate, session } from './support/session.js';

test('rawRows keeps repeated names in order; rows keep the later value; types name JSON and BOOLEAN columns', async (t) => {
  const s = await session(imageEstate(1, 1));
  t.after(() => s.close());
  const result = await s.db.execute(
    "SELECT i.region, v.*, i.tags, 1 + 1 AS two FROM awscc.sagemaker.images i JOIN awscc.sagemaker.image_versions v ON v.image_name = i.image_name WHERE i.region = 'us-east-1'",
  );
  const at = (name: string) => result.columns.indexOf(name);
  assert.deepEqual(result.columns.filter((c) => c === 'region').length, 2);
  assert.equal(result.rawRows?.length, 1);
  const raw = result.rawRows![0]!;
  assert.equal(raw.length, result.columns.length);
  assert.equal(raw[0], 'us-east-1');
  assert.equal(raw[result.columns.lastIndexOf('region')], 'us-east-1');
  assert.equal(result.rows[0]!.two, 2);
  assert.equal(result.types![at('horovod')], 'BOOLEAN');
  assert.equal(result.types![at('tags')], 'JSON');
  assert.equal(result.types![at('version')], 'INTEGER');
  assert.equal(result.types![at('two')], null);
  assert.equal(raw[at('horovod')], 1);
  assert.deepEqual(JSON.parse(String(raw[at('tags')])), [{ Key: 'team', Value: 'data' }]);
});
