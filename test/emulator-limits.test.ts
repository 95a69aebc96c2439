/** The service's rate limit and the API's input limits, as AWS's front end enforces them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CancelResourceRequestCommand,
  CloudControlServiceException,
  CreateResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  ThrottlingException,
} from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { isCcsqlError } from '../src/errors.js';
import { awsCloudControl, SKIP_WITHOUT_AWS_CLI } from './support/aws-cli.js';
import { cloudControlClient } from './support/clients.js';
import { IMAGE, ROLE_ARN } from './support/emulator.js';

const T0 = Date.parse('2026-08-07T00:00:00Z');

test('rateLimit: a token bucket per account and region, N calls a second with a burst of N', async (t) => {
  const clock = { now: T0 };
  const emulator = await startEmulator({ port: 0, rateLimit: 2, clock: () => clock.now });
  t.after(() => emulator.close());
  const east = cloudControlClient(emulator.url, 'us-east-1');
  const west = cloudControlClient(emulator.url, 'eu-west-1');
  const other = cloudControlClient(emulator.url, 'us-east-1', { accessKeyId: '210987654321', secretAccessKey: 's' });
  const list = (client: typeof east) =>
    client.send(new ListResourcesCommand({ TypeName: IMAGE })).then(
      () => 'ok',
      (error: unknown) => {
        assert.ok(error instanceof ThrottlingException);
        assert.equal(error.message, 'Rate exceeded');
        assert.equal(error.$metadata.httpStatusCode, 400);
        return 'throttled';
      },
    );
  const outcomes = [await list(east), await list(east), await list(east), await list(west), await list(other)];
  assert.deepEqual(outcomes, ['ok', 'ok', 'throttled', 'ok', 'ok']);
  clock.now = T0 + 499;
  assert.equal(await list(east), 'throttled', 'less than one token refilled');
  clock.now = T0 + 1000;
  assert.deepEqual([await list(east), await list(east), await list(east)], ['ok', 'ok', 'throttled'], 'refilled at N a second');
  clock.now = T0 + 1500;
  assert.deepEqual([await list(east), await list(east)], ['ok', 'throttled']);
  clock.now = T0 + 10_000;
  assert.deepEqual([await list(east), await list(east), await list(east)], ['ok', 'ok', 'throttled'], 'the burst is N, however long the pause');
  emulator.setRateLimit(0);
  assert.equal(await list(east), 'ok');
  assert.throws(() => emulator.setRateLimit(-1), (error: unknown) => isCcsqlError(error) && error.code === 'INVALID_ARGUMENT');
});

test('the rate limit reaches the AWS CLI as ThrottlingException', { skip: SKIP_WITHOUT_AWS_CLI }, async (t) => {
  const emulator = await startEmulator({ port: 0, rateLimit: 1, clock: () => T0 });
  t.after(() => emulator.close());
  await awsCloudControl(emulator.url, ['list-resources', '--type-name', IMAGE]);
  await assert.rejects(awsCloudControl(emulator.url, ['list-resources', '--type-name', IMAGE]), /ThrottlingException.*Rate exceeded/);
});

function validationError(message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof CloudControlServiceException);
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.message, message);
    return true;
  };
}

test('members outside the API limits are a ValidationException naming every failed constraint', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const desired = JSON.stringify({ ImageName: 'demo', ImageRoleArn: ROLE_ARN });
  const create = (input: Record<string, unknown>) => client.send(new CreateResourceCommand({ TypeName: IMAGE, DesiredState: desired, ...input }));
  const token = 'x'.repeat(129);
  await assert.rejects(create({ ClientToken: token }), validationError(
    `1 validation error detected: Value '${token}' at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 128`,
  ));
  await assert.rejects(create({ ClientToken: 'not a token!' }), validationError(
    "1 validation error detected: Value 'not a token!' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+",
  ));
  await assert.rejects(create({ ClientToken: '' }), validationError(
    "2 validation errors detected: Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+",
  ));
  await assert.rejects(create({ TypeName: 'AWS::S3' }), validationError(
    "2 validation errors detected: Value 'AWS::S3' at 'typeName' failed to satisfy constraint: Member must have length greater than or equal to 10; " +
      "Value 'AWS::S3' at 'typeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}",
  ));
  await assert.rejects(create({ RoleArn: 'arn:aws:iam::12:user/x' }), validationError(
    "1 validation error detected: Value 'arn:aws:iam::12:user/x' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.+:iam::[0-9]{12}:role/.+",
  ));
  await assert.rejects(create({ DesiredState: 'x'.repeat(262145) }), validationError(
    "1 validation error detected: Value at 'desiredState' failed to satisfy constraint: Member must have length less than or equal to 262144",
  ));
  await assert.rejects(create({ DesiredState: '' }), validationError(
    "1 validation error detected: Value at 'desiredState' failed to satisfy constraint: Member must have length greater than or equal to 1",
  ));
  await assert.rejects(client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: 'i'.repeat(1025) })), validationError(
    `1 validation error detected: Value '${'i'.repeat(1025)}' at 'identifier' failed to satisfy constraint: Member must have length less than or equal to 1024`,
  ));
  await assert.rejects(client.send(new ListResourcesCommand({ TypeName: IMAGE, MaxResults: 101 })), validationError(
    "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
  ));
  await assert.rejects(client.send(new ListResourceRequestsCommand({ MaxResults: 0, NextToken: 'no spaces' })), validationError(
    "2 validation errors detected: Value 'no spaces' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+; " +
      "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
  ));
  await assert.rejects(client.send(new GetResourceRequestStatusCommand({ RequestToken: 't'.repeat(129) })), validationError(
    `1 validation error detected: Value '${'t'.repeat(129)}' at 'requestToken' failed to satisfy constraint: Member must have length less than or equal to 128`,
  ));
  assert.equal((await create({ ClientToken: 'a'.repeat(128), RoleArn: 'arn:aws:iam::123456789012:role/cc' })).ProgressEvent?.OperationStatus, 'IN_PROGRESS');
  assert.deepEqual(emulator.calls.map((call) => call.error ?? 'ok'), [...Array(11).fill('ValidationException'), 'ok']);
});

test('errors carry the HTTP status of the service model', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const statusOf = (promise: Promise<unknown>) => promise.then(() => 200, (error: CloudControlServiceException) => [error.name, error.$metadata.httpStatusCode]);
  const noList = [...emulator.service.options.catalog.all()].find((type) => !type.handlers.list && type.handlers.read)!.typeName;
  const desired = (ImageName: string) => JSON.stringify({ ImageName, ImageRoleArn: ROLE_ARN });
  const { ProgressEvent: created } = await client.send(new CreateResourceCommand({ TypeName: IMAGE, ClientToken: 't1', DesiredState: desired('a') }));
  await client.send(new GetResourceRequestStatusCommand({ RequestToken: created!.RequestToken }));
  assert.deepEqual(
    [
      await statusOf(client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: 'nope' }))),
      await statusOf(client.send(new GetResourceCommand({ TypeName: 'AWS::No::Such', Identifier: 'x' }))),
      await statusOf(client.send(new ListResourcesCommand({ TypeName: noList }))),
      await statusOf(client.send(new GetResourceRequestStatusCommand({ RequestToken: 'nope' }))),
      await statusOf(client.send(new CreateResourceCommand({ TypeName: IMAGE, ClientToken: 't1', DesiredState: desired('b') }))),
      await statusOf(client.send(new CancelResourceRequestCommand({ RequestToken: created!.RequestToken }))),
    ],
    [
      ['ResourceNotFoundException', 404],
      ['TypeNotFoundException', 404],
      ['UnsupportedActionException', 405],
      ['RequestTokenNotFoundException', 404],
      ['ClientTokenConflictException', 409],
      ['ConcurrentModificationException', 500],
    ],
  );
});
