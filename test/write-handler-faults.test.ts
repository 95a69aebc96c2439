/**
 * Writes whose handler fails in ways AWS shows: throttled by the service behind it (sent again with
 * a new ClientToken, every attempt journaled, the region's rate told), a resend that meets
 * AlreadyExists (reported as that, no second resource), a delete that finds the resource gone (done).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeleteResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { cloudControlClient } from './support/clients.js';
import { imageArn, imageEstate, ROLE } from './support/session.js';
import { takeCalls, UUID, writeSession } from './support/writes.js';
import { VirtualTimers } from './support/virtual-timers.js';

const insert = (name: string) => `INSERT INTO awscc.sagemaker.images (region, ImageName, ImageRoleArn) VALUES ('us-east-1', '${name}', '${ROLE}')`;

test('a create its handler reports FAILED Throttling is sent again with a new ClientToken; both attempts are journaled', async (t) => {
  const vt = new VirtualTimers();
  const s = await writeSession(undefined, { timers: vt }, { clock: () => vt.now(), handlerThrottles: 1 });
  t.after(() => s.close());
  await vt.drive(s.db.execute(insert('busy')));
  const calls = takeCalls(s);
  assert.deepEqual(calls.map((c) => c.op), ['CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus', 'CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  const [first, second] = [calls[0]!.body.ClientToken as string, calls[3]!.body.ClientToken as string];
  assert.match(first, UUID);
  assert.match(second, UUID);
  assert.notEqual(first, second, 'a new request, since the first one failed');
  assert.ok(vt.delays.includes(1000), 'after a backoff');
  assert.equal(s.db.cloud.stats.throttles, 1, "the region's limiter heard the throttle");

  const row = s.db.sqlite.prepare('SELECT id, status, client_token FROM ccsql_requests').all() as { id: number; status: string; client_token: string }[];
  assert.deepEqual(row.map(({ status, client_token }) => ({ status, client_token })), [{ status: 'SUCCESS', client_token: second }]);
  const attempts = s.db.sqlite.prepare('SELECT request_id, attempt, client_token, status, error_code FROM ccsql_request_attempts').all();
  assert.deepEqual(attempts, [{ request_id: row[0]!.id, attempt: 1, client_token: first, status: 'FAILED', error_code: 'Throttling' }]);
  assert.deepEqual(await vt.drive(s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'")), [{ image_name: 'busy' }]);
});

test('a resent create that meets AlreadyExists is reported as that, naming table and identifier, and makes no second resource', async (t) => {
  const vt = new VirtualTimers();
  const s = await writeSession(imageEstate(1), { timers: vt }, { clock: () => vt.now(), handlerThrottles: 1 });
  t.after(() => s.close());
  await assert.rejects(vt.drive(s.db.execute(insert('img-000'))), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(error.code, 'ALREADY_EXISTS');
    assert.match(error.message, new RegExp(`awscc\\.sagemaker\\.images already has a resource with identifier '${imageArn('img-000')}' in us-east-1`));
    assert.ok(!error.message.includes('\n'));
    assert.equal(error.details?.table, 'awscc.sagemaker.images');
    return true;
  });
  assert.deepEqual(takeCalls(s).map((c) => c.op), ['CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus', 'CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  const rows = await vt.drive(s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'"));
  assert.deepEqual(rows, [{ image_name: 'img-000' }], 'one image, not two');
  assert.deepEqual(s.db.sqlite.prepare('SELECT status, error_code FROM ccsql_requests').all(), [{ status: 'FAILED', error_code: 'AlreadyExists' }]);
});

test('a DELETE whose resource another request deletes first waits for it, then ends NotFound: done', async (t) => {
  const vt = new VirtualTimers();
  const s = await writeSession(imageEstate(1), { timers: vt }, { clock: () => vt.now(), asyncPolls: undefined, asyncMs: 5_000 });
  t.after(() => s.close());
  const other = cloudControlClient(s.emulator.url);
  t.after(() => other.destroy());
  await other.send(new DeleteResourceCommand({ TypeName: 'AWS::SageMaker::Image', Identifier: imageArn('img-000') }));
  s.emulator.clearCalls();
  const result = await vt.drive(s.db.execute(`DELETE FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'`));
  assert.equal(result.changes, 1);
  const calls = takeCalls(s);
  assert.deepEqual(calls.map((c) => [c.op, c.error ?? '']), [
    ['GetResource', ''],
    ['DeleteResource', 'ConcurrentOperationException'],
    ['ListResourceRequests', ''],
    ['GetResourceRequestStatus', ''],
    ['GetResourceRequestStatus', ''],
    ['DeleteResource', ''],
    ['GetResourceRequestStatus', ''],
    ['GetResourceRequestStatus', ''],
  ]);
  assert.deepEqual(s.db.sqlite.prepare('SELECT status, error_code FROM ccsql_requests').all(), [{ status: 'SUCCESS', error_code: 'NotFound' }]);
});
