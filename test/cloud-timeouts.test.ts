/**
 * Every call has a time limit, and an endpoint that is not there fails fast: a hung GetResource is
 * retried, a hung CreateResource is resent with the same ClientToken (one resource, never two), a
 * stuck endpoint ends the statement naming the call, table and region; a closed port fails in one
 * line within 5 seconds after three attempts. Time is virtual: the endpoint's clock and ccsql's
 * timers are one VirtualTimers, moved only when every call in flight is one the endpoint holds.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { open, type CallTrace } from '../src/index.js';
import { TEST_CREDENTIALS } from './support/clients.js';
import { imageArn, imageEstate, session, ROLE, type Session } from './support/session.js';
import { takeCalls } from './support/writes.js';
import { VirtualTimers } from './support/virtual-timers.js';

const TIMEOUT_MS = 5_000;

async function hungSession(vt: VirtualTimers, seed = imageEstate(1)): Promise<Session> {
  return session(seed, { timers: vt, callTimers: vt, callTimeoutMs: TIMEOUT_MS }, { clock: () => vt.now(), asyncPolls: 1 });
}

/** Time moves only when every call in flight is held unanswered by the endpoint. */
const held = (s: Session) => () => s.db.cloud.stats.inFlight === s.emulator.hanging;

test('a GetResource that gets no answer is abandoned after --call-timeout and tried again', async (t) => {
  const vt = new VirtualTimers();
  const s = await hungSession(vt);
  t.after(() => s.close());
  s.emulator.hang(1, ['GetResource']);
  const rows = await vt.drive(s.db.query(`SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'`), held(s));
  assert.deepEqual(rows, [{ image_name: 'img-000' }]);
  assert.deepEqual(s.take(), [`GetResource AWS::SageMaker::Image ${imageArn('img-000')} us-east-1`, `GetResource AWS::SageMaker::Image ${imageArn('img-000')} us-east-1`]);
  assert.ok(vt.delays.includes(TIMEOUT_MS), 'the limit was set on the virtual clock');
});

test('a CreateResource whose answer never comes is resent with the same ClientToken: one resource', async (t) => {
  const vt = new VirtualTimers();
  const s = await hungSession(vt, { resources: [] });
  t.after(() => s.close());
  s.emulator.hang(1, ['CreateResource']);
  await vt.drive(s.db.execute(`INSERT INTO awscc.sagemaker.images (region, ImageName, ImageRoleArn) VALUES ('us-east-1', 'slow', '${ROLE}')`), held(s));
  const calls = takeCalls(s);
  assert.deepEqual(calls.map((c) => c.op), ['CreateResource', 'CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  assert.equal(calls[0]!.body.ClientToken, calls[1]!.body.ClientToken, 'the same request, not a new one');
  const journal = s.db.sqlite.prepare('SELECT status, client_token FROM ccsql_requests').all() as { status: string; client_token: string }[];
  assert.deepEqual(journal, [{ status: 'SUCCESS', client_token: calls[0]!.body.ClientToken }]);
  const listed = await vt.drive(s.db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'"), held(s));
  assert.deepEqual(listed, [{ image_name: 'slow' }], 'exactly one image');
});

test('a stuck endpoint ends the statement with CALL_TIMEOUT naming the call, the table and the region', async (t) => {
  const vt = new VirtualTimers();
  const s = await hungSession(vt);
  t.after(() => s.close());
  s.emulator.hang(100, ['GetResource']);
  await assert.rejects(
    vt.drive(s.db.query(`SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1' AND Identifier = '${imageArn('img-000')}'`), held(s)),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'CALL_TIMEOUT');
      assert.match(error.message, /awscc\.sagemaker\.images.*us-east-1.*GetResource.*5 s/);
      assert.ok(!error.message.includes('\n'), error.message);
      return true;
    },
  );
  assert.equal(s.take().length, 3, 'three attempts, then the answer');
});

/**
 * A port nothing listens on, and nothing can come to: port 1 is privileged and below the ephemeral
 * range, so no endpoint of another test file (each listens on port 0) is handed it, as a port just
 * closed here could be. Checked to refuse first, so a machine where it does not fails here, plainly.
 */
async function closedPort(): Promise<number> {
  const port = 1;
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
  assert.ok(refused, `127.0.0.1:${port} accepts connections on this machine`);
  return port;
}

test('an endpoint that refuses connections fails within 5 s, in one line naming it, after three attempts', async (t) => {
  const port = await closedPort();
  const vt = new VirtualTimers();
  const attempts: CallTrace[] = [];
  const db = await open({ region: 'us-east-1', endpointUrl: `http://127.0.0.1:${port}`, credentials: { ...TEST_CREDENTIALS }, timers: vt, onCall: (c) => attempts.push(c) });
  t.after(() => db.close());
  const started = vt.now();
  const wall = performance.now();
  await assert.rejects(vt.drive(db.query("SELECT image_name FROM awscc.sagemaker.images WHERE region = 'us-east-1'")), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'ENDPOINT_UNREACHABLE');
    assert.match(error.message, new RegExp(`http://127\\.0\\.0\\.1:${port}.*connection refused`));
    assert.ok(!error.message.includes('\n'), error.message);
    return true;
  });
  assert.deepEqual(attempts.map((a) => [a.op, a.attempt, a.error]), [1, 2, 3].map((n) => ['ListResources', n, 'Error']));
  assert.ok(vt.now() - started < 5_000, `virtual time waited ${vt.now() - started} ms`);
  assert.ok(performance.now() - wall < 5_000, 'and so did the wall clock');
});

test('calls that start together share one time limit: a listing of 60 sets a few timers, not one a call', async (t) => {
  const vt = new VirtualTimers();
  const s = await hungSession(vt, imageEstate(60));
  t.after(() => s.close());
  const rows = await vt.drive(s.db.query("SELECT image_name, image_description FROM awscc.sagemaker.images WHERE region = 'us-east-1'"), held(s));
  assert.equal(rows.length, 60);
  const calls = s.take();
  assert.equal(calls.filter((c) => c.startsWith('GetResource ')).length, 60);
  const limits = vt.delays.filter((ms) => ms >= TIMEOUT_MS && ms <= TIMEOUT_MS * 1.01);
  assert.ok(limits.length >= 1 && limits.length <= 6, `${limits.length} time limits for ${calls.length} calls`);
});
