import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetResourceCommand, ListResourcesCommand, ThrottlingException } from '@aws-sdk/client-cloudcontrol';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { isCcsqlError } from '../src/errors.js';
import { overlapped, peakInFlight, startEmulator, type EmulatorOptions } from '../src/emulator/index.js';
import { runEmulatorCommand } from '../src/emulator/cli.js';
import { cloudControlClient, stsClient } from './support/clients.js';
import { IMAGE } from './support/emulator.js';

const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/cloudcontrolapi/aws4_request, SignedHeaders=host, Signature=0';

test('invalid options are refused with INVALID_ARGUMENT', async () => {
  const bad: EmulatorOptions[] = [
    { port: -1 },
    { port: 1.5 },
    { latencyMs: -1 },
    { throttleRate: 2 },
    { throttleRate: Number.NaN },
    { asyncPolls: -1 },
    { asyncPolls: 0.5 },
    { accountId: '12' },
    { retryAfterMs: -5 },
    { randomSeed: -1 },
    { randomSeed: 1.5 },
    { seed: '/no/such/seed.json' },
    { seed: { resources: [{ TypeName: 'AWS::No::Such', Properties: {} }] } },
    { seed: { resources: [{ TypeName: IMAGE, Properties: { ImageName: 'x' } }] } },
    { seed: { nope: true } as never },
  ];
  for (const options of bad) {
    await assert.rejects(startEmulator(options), (error: unknown) => isCcsqlError(error) && error.code === 'INVALID_ARGUMENT', JSON.stringify(options));
  }
});

async function post(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

test('requests without SigV4 authorization, unknown operations and unreadable bodies get AWS errors', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const json = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'CloudApiService.ListResources' };
  const unsigned = await post(emulator.url, json, JSON.stringify({ TypeName: IMAGE }));
  assert.equal(unsigned.status, 400);
  assert.match(JSON.parse(unsigned.text).__type, /#MissingAuthenticationTokenException$/);
  const badScheme = await post(emulator.url, { ...json, Authorization: 'Basic abc' }, '{}');
  assert.match(JSON.parse(badScheme.text).__type, /#IncompleteSignatureException$/);
  const unknown = await post(emulator.url, { ...json, 'X-Amz-Target': 'CloudApiService.Explode', Authorization: SIGNED }, '{}');
  assert.match(JSON.parse(unknown.text).__type, /#UnknownOperationException$/);
  const garbage = await post(emulator.url, { ...json, Authorization: SIGNED }, '{{{');
  assert.match(JSON.parse(garbage.text).__type, /#SerializationException$/);
  const ok = await post(emulator.url, { ...json, Authorization: SIGNED }, JSON.stringify({ TypeName: IMAGE }));
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.text), { TypeName: IMAGE, ResourceDescriptions: [] });
  assert.deepEqual(
    emulator.calls.map((call) => [call.op, call.region, call.error ?? null]),
    [
      ['ListResources', '', 'MissingAuthenticationTokenException'],
      ['ListResources', '', 'IncompleteSignatureException'],
      ['Explode', 'eu-west-1', 'UnknownOperationException'],
      ['ListResources', 'eu-west-1', 'SerializationException'],
      ['ListResources', 'eu-west-1', null],
    ],
  );
});

test('STS GetCallerIdentity answers with the test account over the Query protocol', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const identity = await stsClient(emulator.url).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, '123456789012');
  assert.equal(identity.Arn, 'arn:aws:iam::123456789012:user/ccsql-test');
  assert.ok(identity.UserId);
  assert.deepEqual(emulator.calls.map((call) => [call.op, call.account]), [['GetCallerIdentity', '123456789012']]);
  const unsigned = await post(emulator.url, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Action=GetCallerIdentity&Version=2011-06-15');
  assert.equal(unsigned.status, 403);
  assert.match(unsigned.text, /<Code>MissingAuthenticationToken<\/Code>/);
});

test('throttleRate answers that share of calls with ThrottlingException, decided by the injected random', async (t) => {
  const draws = [0.1, 0.9, 0.29, 0.3];
  const emulator = await startEmulator({ port: 0, throttleRate: 0.3, random: () => draws.shift() ?? 0.99 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    try {
      await client.send(new ListResourcesCommand({ TypeName: IMAGE }));
      outcomes.push('ok');
    } catch (error) {
      assert.ok(error instanceof ThrottlingException);
      outcomes.push('throttled');
    }
  }
  assert.deepEqual(outcomes, ['throttled', 'ok', 'throttled', 'ok', 'ok']);
  assert.deepEqual(emulator.calls.map((call) => call.error ?? 'ok'), ['ThrottlingException', 'ok', 'ThrottlingException', 'ok', 'ok']);
  emulator.setThrottleRate(1);
  await assert.rejects(client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: 'x' })), ThrottlingException);
  emulator.setThrottleRate(0);
  assert.throws(() => emulator.setThrottleRate(3), (error: unknown) => isCcsqlError(error) && error.code === 'INVALID_ARGUMENT');
});

test('randomSeed: the same seed throttles the same calls; without one a seed is drawn and reported', async (t) => {
  const outcomes = async (randomSeed?: number) => {
    const emulator = await startEmulator({ port: 0, throttleRate: 0.5, ...(randomSeed === undefined ? {} : { randomSeed }) });
    t.after(() => emulator.close());
    const client = cloudControlClient(emulator.url);
    for (let i = 0; i < 12; i += 1) await client.send(new ListResourcesCommand({ TypeName: IMAGE })).catch(() => undefined);
    return { seed: emulator.randomSeed, errors: emulator.calls.map((c) => c.error ?? 'ok') };
  };
  const drawn = await outcomes();
  assert.ok(Number.isInteger(drawn.seed));
  assert.deepEqual(await outcomes(drawn.seed), drawn, 'replayed with its seed');
  const [a, b] = [await outcomes(7), await outcomes(8)];
  assert.equal(a.seed, 7);
  assert.notDeepEqual(a.errors, b.errors, 'another seed, other draws');
  const scripted = await startEmulator({ port: 0, random: () => 0.5 });
  t.after(() => scripted.close());
  assert.equal(scripted.randomSeed, undefined, 'a scripted random has no seed');
});

test('latency: no answer comes sooner than latencyMs after its call arrived', async (t) => {
  const emulator = await startEmulator({ port: 0, latencyMs: 25 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  await Promise.all([0, 1, 2].map(() => client.send(new ListResourcesCommand({ TypeName: IMAGE }))));
  assert.equal(emulator.calls.length, 3);
  // A lower bound only: load can stretch a call, and the endpoint checks its own clock before answering.
  for (const call of emulator.calls) assert.ok(call.end - call.start >= 25, `call took ${call.end - call.start} ms`);
  emulator.clearCalls();
  emulator.setLatency(0);
  await client.send(new ListResourcesCommand({ TypeName: IMAGE }));
  assert.equal(emulator.calls.length, 1);
  assert.throws(() => emulator.setLatency(-1), (error: unknown) => isCcsqlError(error) && error.code === 'INVALID_ARGUMENT');
});

test('a gate holds the calls it names until the test opens it, and the call log orders arrivals and answers', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const gate = emulator.gate(['ListResources'], (body) => body.TypeName === IMAGE);
  const lists = [0, 1, 2].map(() => client.send(new ListResourcesCommand({ TypeName: IMAGE })));
  await gate.reached(3);
  await client.send(new ListResourcesCommand({ TypeName: 'AWS::SageMaker::ImageVersion', ResourceModel: '{"ImageName":"x"}' }));
  await client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: 'x' })).catch(() => undefined);
  const held = emulator.calls.filter((c) => c.body.TypeName === IMAGE && c.op === 'ListResources');
  assert.deepEqual(held.map((c) => c.endSeq), [undefined, undefined, undefined], 'held until the gate opens');
  assert.equal(gate.waiting, 3);
  gate.open();
  await Promise.all(lists);
  assert.equal(gate.waiting, 0);
  const [a, b, c, other, get] = [...held, ...emulator.calls.filter((x) => !held.includes(x))];
  assert.ok(overlapped(a!, b!) && overlapped(b!, c!) && overlapped(a!, c!), 'the three held calls were in flight together');
  assert.ok(overlapped(a!, other!) && !overlapped(other!, get!), 'the calls sent one after another did not overlap');
  assert.equal(peakInFlight(emulator.calls), 4);
  emulator.clearCalls();
  await client.send(new ListResourcesCommand({ TypeName: IMAGE }));
  await client.send(new ListResourcesCommand({ TypeName: IMAGE }));
  assert.equal(peakInFlight(emulator.calls), 1, 'an open gate holds nothing');
});

test('runEmulatorCommand prints the URL first and serves until stopped', async () => {
  const lines: string[] = [];
  let stop!: () => void;
  const stopSignal = new Promise<void>((resolve) => (stop = resolve));
  let url = '';
  let seed: number | undefined;
  const running = runEmulatorCommand(
    { port: 0, asyncPolls: 1, randomSeed: 42 },
    {
      write: (line) => lines.push(line),
      stopSignal,
      onStart: (emulator) => {
        url = emulator.url;
        seed = emulator.randomSeed;
      },
    },
  );
  while (url === '') await new Promise((resolve) => setImmediate(resolve));
  assert.match(lines[0], /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(lines[0], url);
  assert.equal(seed, 42, '--random-seed reaches the endpoint');
  const listed = await cloudControlClient(url).send(new ListResourcesCommand({ TypeName: IMAGE }));
  assert.deepEqual(listed.ResourceDescriptions, []);
  stop();
  await running;
  await assert.rejects(fetch(url, { method: 'POST' }));
});
