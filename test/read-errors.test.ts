import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalog, type Catalog } from '../src/catalog/index.js';
import { imageEstate, session } from './support/session.js';

const isCode = (code: string, pattern?: RegExp) => (error: Error & { code?: string }) => {
  assert.equal(error.code, code, error.message);
  if (pattern) assert.match(error.message, pattern);
  assert.ok(!error.message.includes('\n'), 'one sentence, one line');
  return true;
};

test('user mistakes fail before any call, naming the table or column and the way out', async (t) => {
  const s = await session(imageEstate(1));
  t.after(() => s.close());
  await assert.rejects(s.db.query('SELECT * FROM awscc.nosuchservice.things'), isCode('UNKNOWN_TABLE', /awscc\.nosuchservice\.things.*SHOW SERVICES/));
  await assert.rejects(s.db.query('SELECT * FROM awscc.sagemaker.imagess'), isCode('UNKNOWN_TABLE', /Did you mean awscc\.sagemaker\.images\?/));
  await assert.rejects(s.db.query("SELECT nope FROM awscc.sagemaker.images WHERE region = 'us-east-1'"), isCode('UNKNOWN_COLUMN', /nope.*DESCRIBE awscc\.sagemaker\.images/));
  await assert.rejects(s.db.query("SELECT * FROM awscc.acmpca.certificates WHERE region = 'us-east-1'"), isCode('UNSUPPORTED_ACTION', /awscc\.acmpca\.certificates.*us-east-1.*Identifier/));
  assert.deepEqual(s.take(), []);
  const rows = await s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE +region LIKE 'us-%'");
  assert.deepEqual(rows, [{ image_name: 'img-000' }], 'the suggested local filter works');
});

test('a type the endpoint does not offer is TYPE_NOT_FOUND naming the table and region', async (t) => {
  const full = defaultCatalog();
  const partial: Catalog = Object.create(full, {
    byTypeName: { value: (name: string) => (name === 'AWS::SageMaker::Image' ? undefined : full.byTypeName(name)) },
  });
  const s = await session({ resources: [] }, {}, { catalog: partial });
  t.after(() => s.close());
  await assert.rejects(s.db.query("SELECT * FROM awscc.sagemaker.images WHERE region = 'eu-west-1'"), isCode('TYPE_NOT_FOUND', /AWS::SageMaker::Image \(awscc\.sagemaker\.images\) in eu-west-1/));
  // SELECT * reads account_id: the account's id is asked of STS, once, beside the listing.
  assert.deepEqual(s.take().sort(), ['GetCallerIdentity us-east-1', 'ListResources AWS::SageMaker::Image eu-west-1']);
});

test('errors carry a stable code and the table; a failed fetch is retold once, not per row', async (t) => {
  const s = await session(imageEstate(2), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }, { throttleRate: 1 });
  t.after(() => s.close());
  await assert.rejects(s.db.query("SELECT * FROM awscc.sagemaker.images WHERE region = 'us-east-1'"), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(error.code, 'THROTTLED');
    assert.equal(error.details?.table, 'awscc.sagemaker.images');
    assert.equal(error.details?.region, 'us-east-1');
    return true;
  });
  assert.deepEqual(s.take().map((c) => c.split(' ')[0]).sort(), ['GetCallerIdentity', 'ListResources', 'ListResources']);
});

test('access denied and refused credentials name the table, the region and the way out', async (t) => {
  const denied = await session(imageEstate(1), { credentials: { accessKeyId: 'AKIDDENIED1', secretAccessKey: 'x' } });
  t.after(() => denied.close());
  await assert.rejects(denied.db.query("SELECT * FROM awscc.sagemaker.images WHERE region = 'us-east-1'"),
    isCode('ACCESS_DENIED', /awscc\.sagemaker\.images in us-east-1 \(ListResources\).*need sagemaker:ListImages/));
  assert.deepEqual(denied.take().filter((c) => c.startsWith('ListResources')), ['ListResources AWS::SageMaker::Image us-east-1'], 'AccessDenied is not retried');

  const refused = await session(imageEstate(1), { credentials: { accessKeyId: 'AKIDINVALID1', secretAccessKey: 'x' } });
  t.after(() => refused.close());
  await assert.rejects(refused.db.query("SELECT * FROM awscc.sagemaker.images WHERE Identifier = 'x'"),
    isCode('INVALID_CREDENTIALS', /awscc\.sagemaker\.images in us-east-1.*--profile/));
});
