/**
 * Faults Cloud Control really shows, met through the real SDK over HTTP: throttling, internal
 * errors and reset connections are retried with backoff (and never sooner than a Retry-After);
 * a write refused with ConcurrentOperationException waits for the other request and tries again.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { UpdateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { createCloud } from '../src/cloud/index.js';
import type { CallTrace } from '../src/index.js';
import { cloudControlClient, TEST_CREDENTIALS } from './support/clients.js';
import { imageArn, imageEstate, session } from './support/session.js';
import { takeCalls } from './support/writes.js';
import { VirtualTimers } from './support/virtual-timers.js';

const LIST = "SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' ORDER BY image_name";

test('an internal error and a reset connection are retried; the rows are whole', async (t) => {
  const traces: CallTrace[] = [];
  const s = await session(imageEstate(2), { onCall: (c) => traces.push(c) });
  t.after(() => s.close());
  s.emulator.internalErrors(1, ['ListResources']);
  s.emulator.reset(1, ['GetResource']);
  assert.deepEqual(await s.db.query(LIST), [{ image_name: 'img-000' }, { image_name: 'img-001' }]);
  const failed = traces.filter((c) => c.error).map((c) => [c.op, c.attempt, c.error]);
  assert.deepEqual(failed.map(([op, n]) => [op, n]), [['ListResources', 1], ['GetResource', 1]]);
  assert.equal(failed[0]![2], 'ServiceInternalErrorException');
  const taken = s.take();
  assert.deepEqual([...taken.slice(0, 2), ...taken.slice(2).sort()], [
    'ListResources AWS::SageMaker::Image us-east-1',
    'ListResources AWS::SageMaker::Image us-east-1',
    `GetResource AWS::SageMaker::Image ${imageArn('img-000')} us-east-1`,
    `GetResource AWS::SageMaker::Image ${imageArn('img-001')} us-east-1`,
  ], 'the reset call never reached the service; its retry did (the two gets run concurrently)');
});

test('throttling is retried with jittered backoff until the calls fit the rate', async (t) => {
  const vt = new VirtualTimers();
  const s = await session(imageEstate(6), { timers: vt, retry: { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5 } }, { clock: () => vt.now(), rateLimit: 3 });
  t.after(() => s.close());
  const rows = await vt.drive(s.db.query(LIST));
  assert.equal(rows.length, 6);
  const calls = takeCalls(s);
  const throttled = calls.filter((c) => c.error === 'ThrottlingException');
  assert.ok(throttled.length > 0, 'the rate limit was met');
  assert.deepEqual(calls.filter((c) => !c.error).map((c) => c.op), ['ListResources', ...Array(6).fill('GetResource')], 'every call answered once');
  assert.ok(vt.delays.includes(50), 'the first backoff is half of 100 ms (full jitter at 0.5)');
});

test('a Retry-After header is waited out before the next attempt', async (t) => {
  let answered = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answered += 1;
      if (answered === 1) {
        res.writeHead(503, { 'Content-Type': 'application/x-amz-json-1.0', 'Retry-After': '3' });
        res.end(JSON.stringify({ __type: 'ServiceUnavailable', message: 'slow down' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ TypeName: 'AWS::Logs::LogGroup', ResourceDescription: { Identifier: 'g', Properties: '{"LogGroupName":"g"}' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const vt = new VirtualTimers();
  const cloud = createCloud({ endpointUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, credentials: { ...TEST_CREDENTIALS }, timers: vt, retry: { random: () => 0.5 } });
  t.after(() => cloud.destroy());
  const found = await vt.drive(cloud.get('AWS::Logs::LogGroup', 'us-east-1', 'g'));
  assert.deepEqual(found, { identifier: 'g', properties: { LogGroupName: 'g' } });
  assert.equal(answered, 2);
  assert.deepEqual(vt.delays, [3000], 'the service asked for 3 s; the backoff alone would be 50 ms');
});

test('ConcurrentOperationException: the write finds the other request, waits for it, then is sent again', async (t) => {
  const vt = new VirtualTimers();
  const s = await session(imageEstate(1), { timers: vt }, { clock: () => vt.now(), asyncMs: 10_000 });
  t.after(() => s.close());
  const other = cloudControlClient(s.emulator.url);
  t.after(() => other.destroy());
  const patch = (text: string) => JSON.stringify([{ op: 'replace', path: '/ImageDescription', value: text }]);
  const started = await other.send(new UpdateResourceCommand({ TypeName: 'AWS::SageMaker::Image', Identifier: imageArn('img-000'), PatchDocument: patch('theirs') }));
  const otherToken = started.ProgressEvent!.RequestToken!;
  s.emulator.clearCalls();

  await vt.drive(s.db.execute(`UPDATE awscc.sagemaker.images SET ImageDescription = 'ours' WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'`));
  const calls = takeCalls(s);
  assert.deepEqual(calls.map((c) => [c.op, c.error ?? '']), [
    ['GetResource', ''],
    ['UpdateResource', 'ConcurrentOperationException'],
    ['ListResourceRequests', ''],
    ['GetResourceRequestStatus', ''],
    ['GetResourceRequestStatus', ''],
    ['UpdateResource', ''],
    ['GetResourceRequestStatus', ''],
    ['GetResourceRequestStatus', ''],
  ]);
  assert.deepEqual(calls[2]!.body.ResourceRequestStatusFilter, { OperationStatuses: ['PENDING', 'IN_PROGRESS'] });
  assert.equal(calls[3]!.body.RequestToken, otherToken, 'it polls the other request');
  assert.equal(calls[1]!.body.ClientToken, calls[5]!.body.ClientToken, 'the refused write is sent again as the same request');
  const [row] = await vt.drive(s.db.query(`SELECT image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'`));
  assert.deepEqual(row, { image_description: 'ours' }, 'ours came after theirs');
});
