/**
 * Idle connections stay open as long as an AWS endpoint keeps them (120 s), not Node's 5 s: a client
 * that pauses 6 s or 65 s between calls reuses its connection. The endpoint's idle timers are
 * injected, so minutes of idling take no time; each recorded call names its connection.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { CreateResourceCommand, GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { awsCloudControl, SKIP_WITHOUT_AWS_CLI } from './support/aws-cli.js';
import { cloudControlClient } from './support/clients.js';
import { createAndSettle, IMAGE, ROLE_ARN } from './support/emulator.js';
import { VirtualTimers } from './support/virtual-timers.js';

/**
 * Lets the endpoint's event loop turn until `ready()`, looking every few milliseconds (an AWS CLI
 * process takes a second or two to start); bounded, so a broken endpoint fails instead of hanging.
 */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  assert.ok(ready(), `never: ${what}`);
}

/** Until the endpoint has finished answering `count` calls and set their connection's idle timer. */
function answered(emulator: Emulator, timers: VirtualTimers, count: number): Promise<void> {
  return until(() => emulator.calls.length === count && timers.pending === 1, `${count} calls answered and their connection idle`);
}

test('an SDK client reuses its connection after 6 s and after 65 s of idling', async (t) => {
  const timers = new VirtualTimers();
  const emulator = await startEmulator({ port: 0, idleTimers: timers });
  const client = cloudControlClient(emulator.url);
  t.after(async () => {
    client.destroy();
    await emulator.close();
  });
  const created = await createAndSettle(client, IMAGE, { ImageName: 'idle', ImageRoleArn: ROLE_ARN });
  const get = () => client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: created.Identifier }));
  await answered(emulator, timers, 2);
  timers.advance(6_000);
  assert.equal((await get()).ResourceDescription?.Identifier, created.Identifier);
  await answered(emulator, timers, 3);
  timers.advance(65_000);
  assert.equal((await get()).ResourceDescription?.Identifier, created.Identifier);
  assert.deepEqual(emulator.calls.map((c) => [c.op, c.connection]), [['CreateResource', 1], ['GetResourceRequestStatus', 1], ['GetResource', 1], ['GetResource', 1]]);
  assert.ok(timers.delays.length > 0 && timers.delays.every((ms) => ms === 120_000), `idle limits asked: ${timers.delays.join(', ')}`);
});

/** A raw HTTP/1.1 call on `socket` (unsigned: answered MissingAuthenticationTokenException); resolves with the answer's head. */
async function rawCall(socket: Socket): Promise<string> {
  socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: CloudApiService.ListResources\r\nContent-Length: 2\r\n\r\n{}');
  let text = '';
  for (;;) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    text += chunk.toString('utf8');
    const [head, body = ''] = text.split('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(head!)?.[1]);
    if (text.includes('\r\n\r\n') && Buffer.byteLength(body) >= length) return head!;
  }
}

for (const [label, idleTimeoutMs, limit] of [['by default', undefined, 120_000], ['as idleTimeoutMs says', 30_000, 30_000]] as const) {
  test(`the endpoint closes a connection idle for ${limit / 1000} s ${label}, not sooner, and announces no limit of its own`, async (t) => {
    const timers = new VirtualTimers();
    const emulator = await startEmulator({ port: 0, idleTimers: timers, ...(idleTimeoutMs ? { idleTimeoutMs } : {}) });
    t.after(() => emulator.close());
    const socket = connect(emulator.port, '127.0.0.1');
    let closed = false;
    socket.on('close', () => (closed = true));
    await once(socket, 'connect');
    const head = await rawCall(socket);
    assert.match(head, /^HTTP\/1\.1 400 /);
    assert.match(head, /^connection: keep-alive$/im);
    // Node's `Keep-Alive: timeout=5` would tell a client that reads it to drop the connection after 4 s.
    assert.doesNotMatch(head, /^keep-alive:/im);
    await answered(emulator, timers, 1);
    timers.advance(limit - 1);
    assert.match(await rawCall(socket), /^HTTP\/1\.1 400 /, 'one millisecond short of the limit, the connection still serves');
    await answered(emulator, timers, 2);
    timers.advance(limit - 1);
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false);
    timers.advance(1);
    await until(() => closed, 'the idle connection closed');
    assert.deepEqual(emulator.calls.map((c) => [c.op, c.connection, c.error]), [['ListResources', 1, 'MissingAuthenticationTokenException'], ['ListResources', 1, 'MissingAuthenticationTokenException']]);
    assert.deepEqual(timers.delays, [limit, limit, limit]);
  });
}

test('the AWS CLI waiter polls on one connection, 6 s and 65 s idle between polls', { skip: SKIP_WITHOUT_AWS_CLI }, async (t) => {
  const timers = new VirtualTimers();
  // Two IN_PROGRESS answers, then SUCCESS: three polls, the CLI's waiter sleeping 5 s (real) between them.
  const emulator = await startEmulator({ port: 0, idleTimers: timers, asyncPolls: 2 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const { ProgressEvent: created } = await client.send(new CreateResourceCommand({ TypeName: IMAGE, DesiredState: JSON.stringify({ ImageName: 'waited', ImageRoleArn: ROLE_ARN }) }));
  client.destroy();
  await until(() => timers.pending === 0, 'the SDK client gone and its connection closed');
  const waiting = awsCloudControl(emulator.url, ['wait', 'resource-request-success', '--request-token', created!.RequestToken!]);
  await answered(emulator, timers, 2);
  timers.advance(6_000);
  await answered(emulator, timers, 3);
  timers.advance(65_000);
  await waiting;
  const polls = emulator.calls.slice(1);
  assert.deepEqual(polls.map((c) => c.op), ['GetResourceRequestStatus', 'GetResourceRequestStatus', 'GetResourceRequestStatus']);
  assert.deepEqual(polls.map((c) => c.connection), [2, 2, 2]);
  assert.equal(emulator.calls[0]!.connection, 1);
});
