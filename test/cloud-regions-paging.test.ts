/**
 * Regions AWS does not have are refused before any call; listings ask for the largest page and stop
 * on a NextToken seen twice.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRegion, knownRegions } from '../src/cloud/regions.js';
import { imageEstate, session } from './support/session.js';

const oneLine = (code: string, pattern: RegExp) => (error: Error & { code?: string }) => {
  assert.equal(error.code, code, error.message);
  assert.match(error.message, pattern);
  assert.ok(!error.message.includes('\n'), error.message);
  return true;
};

test('the region list comes from the SDK partitions; a typo names the nearest real region', () => {
  const regions = knownRegions();
  for (const r of ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1']) assert.ok(regions.includes(r), r);
  assert.ok(!regions.includes('aws-global'), 'pseudo-regions are not regions');
  assert.doesNotThrow(() => checkRegion('eu-west-1'));
  assert.throws(() => checkRegion('us-est-1'), oneLine('UNKNOWN_REGION', /'us-est-1'.*'us-east-1'/));
  assert.throws(() => checkRegion('eu-wset-1'), oneLine('UNKNOWN_REGION', /'eu-west-1'/));
  assert.throws(() => checkRegion('aws-global'), oneLine('UNKNOWN_REGION', /'aws-global'/));
});

test('a read in a region AWS does not have is refused before any call, naming the nearest region', async (t) => {
  const s = await session(imageEstate(2));
  t.after(() => s.close());
  await assert.rejects(s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-est-1'"), oneLine('UNKNOWN_REGION', /us-est-1.*us-east-1/));
  await assert.rejects(s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-est-1' AND Identifier = 'img-000'"), oneLine('UNKNOWN_REGION', /us-east-1/));
  assert.deepEqual(s.take(), []);
});

test('a listing asks for MaxResults 100, the most the API allows, on every page', async (t) => {
  const s = await session(imageEstate(30));
  t.after(() => s.close());
  const rows = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'");
  assert.equal(rows.length, 30);
  const lists = s.emulator.calls.filter((c) => c.op === 'ListResources');
  assert.deepEqual(lists.map((c) => [c.body.MaxResults, c.body.NextToken === undefined]), [[100, true], [100, false]], 'two handler-sized pages of 25');
});

test('a NextToken answered twice ends the listing with PAGINATION_LOOP naming the type and region', async (t) => {
  const s = await session(imageEstate(60), {}, { repeatNextToken: true });
  t.after(() => s.close());
  await assert.rejects(
    s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'"),
    (error: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, 'PAGINATION_LOOP');
      assert.match(error.message, /awscc\.sagemaker\.images in us-east-1.*AWS::SageMaker::Image in us-east-1.*NextToken/);
      assert.equal(error.details?.table, 'awscc.sagemaker.images');
      return true;
    },
  );
  assert.deepEqual(s.take().filter((c) => c.startsWith('ListResources')), [
    'ListResources AWS::SageMaker::Image us-east-1',
    'ListResources AWS::SageMaker::Image us-east-1 +page',
  ], '(pages are read as they arrive) page 1 gives page 2\'s token, page 2 gives the same token again: stop');
  s.emulator.setRepeatNextToken(false);
  assert.equal((await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'")).length, 60);
});
