import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ClientTokenConflictException,
  CloudControlServiceException,
  CreateResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  InvalidRequestException,
  ListResourceRequestsCommand,
  ResourceNotFoundException,
  TypeNotFoundException,
  UnsupportedActionException,
  type CloudControlClient,
} from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { cloudControlClient } from './support/clients.js';
import { createAndSettle, IMAGE, IMAGE_VERSION, ROLE_ARN, settle } from './support/emulator.js';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:image/demo';

function create(client: CloudControlClient, desired: unknown, extra: { ClientToken?: string; TypeName?: string } = {}) {
  const DesiredState = typeof desired === 'string' ? desired : JSON.stringify(desired);
  return client.send(new CreateResourceCommand({ TypeName: IMAGE, DesiredState, ...extra }));
}

test('a create stays IN_PROGRESS for asyncPolls polls with RetryAfter, and the resource appears at SUCCESS', async (t) => {
  const emulator = await startEmulator({ port: 0, asyncPolls: 2, retryAfterMs: 1500 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const { ProgressEvent: first } = await create(client, { ImageName: 'demo', ImageRoleArn: ROLE_ARN });
  assert.equal(first?.OperationStatus, 'IN_PROGRESS');
  assert.equal(first?.Operation, 'CREATE');
  assert.equal(first?.TypeName, IMAGE);
  assert.equal(first?.Identifier, undefined);
  assert.ok(first?.EventTime instanceof Date);
  assert.equal(first!.RetryAfter!.getTime() - first!.EventTime!.getTime(), 1500);
  const token = first!.RequestToken!;

  const statuses: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    await assert.rejects(client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: ARN })), ResourceNotFoundException);
    const { ProgressEvent: event } = await client.send(new GetResourceRequestStatusCommand({ RequestToken: token }));
    statuses.push(event!.OperationStatus!);
    if (event?.OperationStatus === 'SUCCESS') {
      assert.equal(event.Identifier, ARN);
      assert.equal(event.RetryAfter, undefined);
    }
  }
  assert.deepEqual(statuses, ['IN_PROGRESS', 'IN_PROGRESS', 'SUCCESS']);
  const got = await client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: ARN }));
  assert.equal(got.ResourceDescription?.Identifier, ARN);
  assert.deepEqual(
    emulator.calls.map((call) => call.op),
    ['CreateResource', ...Array(3).fill(['GetResource', 'GetResourceRequestStatus']).flat(), 'GetResource'],
  );
});

test('a duplicate name fails with ErrorCode AlreadyExists', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  assert.equal((await createAndSettle(client, IMAGE, { ImageName: 'demo', ImageRoleArn: ROLE_ARN })).OperationStatus, 'SUCCESS');
  const second = await createAndSettle(client, IMAGE, { ImageName: 'demo', ImageRoleArn: ROLE_ARN });
  assert.equal(second.OperationStatus, 'FAILED');
  assert.equal(second.ErrorCode, 'AlreadyExists');
  assert.match(second.StatusMessage!, /already exists/);
});

test('a DesiredState that breaks the schema is a ValidationException at once, in AWS wording, with no request', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const cases: [string, Record<string, unknown>, string][] = [
    ['AWS::CleanRoomsML::ConfiguredModelAlgorithm', { Name: 'algo' }, 'Model validation failed (#: required key [RoleArn] not found)'],
    ['AWS::Logs::LogGroup', { RetentionInDays: '7' }, 'Model validation failed (#/RetentionInDays: expected type: Number, found: String)'],
    ['AWS::Logs::LogGroup', { Foo: 1 }, 'Model validation failed (#: extraneous key [Foo] is not permitted)'],
    [IMAGE, { ImageName: 'demo', ImageRoleArn: ROLE_ARN, ImageArn: ARN }, 'Model validation failed (#: extraneous key [ImageArn] is not permitted)'],
    [IMAGE, { ImageName: 'bad name!', ImageRoleArn: ROLE_ARN }, 'Model validation failed (#/ImageName: failed validation constraint for keyword [pattern])'],
    [IMAGE, { ImageName: 7, ImageRoleArn: ROLE_ARN }, 'Model validation failed (#/ImageName: expected type: String, found: Integer)'],
    [IMAGE_VERSION, { ImageName: 'x', BaseImage: 'b', Processor: 'TPU' }, 'Model validation failed (#/Processor: "TPU" is not a valid enum value)'],
    [IMAGE, { Colour: 'red' }, 'Model validation failed (#: extraneous key [Colour] is not permitted\n#: required key [ImageName] not found\n#: required key [ImageRoleArn] not found)'],
  ];
  for (const [TypeName, desired, message] of cases) {
    await assert.rejects(
      client.send(new CreateResourceCommand({ TypeName, DesiredState: JSON.stringify(desired) })),
      (error: unknown) => {
        assert.ok(error instanceof CloudControlServiceException);
        assert.equal(error.name, 'ValidationException');
        assert.equal(error.$metadata.httpStatusCode, 400);
        assert.equal(error.message, message);
        return true;
      },
      JSON.stringify(desired),
    );
  }
  assert.deepEqual(await client.send(new ListResourceRequestsCommand({})).then((r) => r.ResourceRequestStatusSummaries), []);
  assert.deepEqual(emulator.calls.map((call) => call.error ?? 'ok'), [...Array(cases.length).fill('ValidationException'), 'ok']);
});

test('a malformed DesiredState, an unknown type and a type without create are refused at once', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  await assert.rejects(create(client, '{not json'), InvalidRequestException);
  await assert.rejects(create(client, '[1]'), InvalidRequestException);
  await assert.rejects(create(client, {}, { TypeName: 'AWS::No::Such' }), TypeNotFoundException);
  const readOnlyType = [...emulator.service.options.catalog.all()].find((type) => !type.handlers.create)!;
  await assert.rejects(
    create(client, {}, { TypeName: readOnlyType.typeName }),
    (error: unknown) => error instanceof UnsupportedActionException && /CREATE/.test(error.message),
  );
  assert.deepEqual(
    emulator.calls.map((call) => call.error),
    ['InvalidRequestException', 'InvalidRequestException', 'TypeNotFoundException', 'UnsupportedActionException'],
  );
});

test('a ClientToken reused for the same request gives the same request back; for another, a conflict', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const desired = { ImageName: 'demo', ImageRoleArn: ROLE_ARN };
  const ClientToken = 'token-1';
  const first = await create(client, desired, { ClientToken });
  const again = await create(client, desired, { ClientToken });
  assert.equal(again.ProgressEvent?.RequestToken, first.ProgressEvent?.RequestToken);
  await assert.rejects(create(client, { ...desired, ImageName: 'other' }, { ClientToken }), ClientTokenConflictException);
  const done = await settle(client, first.ProgressEvent!.RequestToken!);
  assert.equal(done.OperationStatus, 'SUCCESS');
  const afterwards = await create(client, desired, { ClientToken });
  assert.equal(afterwards.ProgressEvent?.OperationStatus, 'SUCCESS');
  assert.equal(afterwards.ProgressEvent?.RequestToken, first.ProgressEvent?.RequestToken);
  assert.deepEqual(emulator.calls.map((call) => call.body.ClientToken ?? null), ['token-1', 'token-1', 'token-1', null, 'token-1']);
});
