import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CancelResourceRequestCommand,
  ConcurrentModificationException,
  ConcurrentOperationException,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  InvalidRequestException,
  ListResourceRequestsCommand,
  NotUpdatableException,
  RequestTokenNotFoundException,
  ResourceNotFoundException,
  UpdateResourceCommand,
  type CloudControlClient,
} from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { cloudControlClient } from './support/clients.js';
import { createAndSettle, IMAGE, ROLE_ARN, settle } from './support/emulator.js';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:image/demo';

function update(client: CloudControlClient, patch: unknown[] | string, Identifier = ARN) {
  const PatchDocument = typeof patch === 'string' ? patch : JSON.stringify(patch);
  return client.send(new UpdateResourceCommand({ TypeName: IMAGE, Identifier, PatchDocument }));
}

function remove(client: CloudControlClient, Identifier = ARN) {
  return client.send(new DeleteResourceCommand({ TypeName: IMAGE, Identifier }));
}

async function read(client: CloudControlClient, Identifier = ARN) {
  const got = await client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier }));
  return JSON.parse(got.ResourceDescription!.Properties!) as Record<string, unknown>;
}

async function withImage(t: { after: (fn: () => Promise<void>) => void }, asyncPolls = 0) {
  const emulator = await startEmulator({ port: 0, asyncPolls });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  emulator.seed({ resources: [{ TypeName: IMAGE, Properties: { ImageName: 'demo', ImageRoleArn: ROLE_ARN } }] });
  return { emulator, client };
}

test('UpdateResource applies an RFC 6902 patch, visible when the request succeeds', async (t) => {
  const { emulator, client } = await withImage(t, 1);
  const { ProgressEvent: started } = await update(client, [
    { op: 'add', path: '/ImageDescription', value: 'first' },
    { op: 'replace', path: '/ImageDescription', value: 'second' },
    { op: 'add', path: '/Tags', value: [{ Key: 'k', Value: 'v' }] },
  ]);
  assert.equal(started?.Operation, 'UPDATE');
  assert.equal(started?.Identifier, ARN);
  assert.equal(started?.OperationStatus, 'IN_PROGRESS');
  assert.equal((await read(client)).ImageDescription, undefined);
  const done = await settle(client, started!.RequestToken!);
  assert.equal(done.OperationStatus, 'SUCCESS');
  const model = await read(client);
  assert.equal(model.ImageDescription, 'second');
  assert.deepEqual(model.Tags, [{ Key: 'k', Value: 'v' }]);
  assert.equal(JSON.parse(done.ResourceModel!).ImageDescription, 'second');
  assert.equal(emulator.calls[0].body.PatchDocument, JSON.stringify([
    { op: 'add', path: '/ImageDescription', value: 'first' },
    { op: 'replace', path: '/ImageDescription', value: 'second' },
    { op: 'add', path: '/Tags', value: [{ Key: 'k', Value: 'v' }] },
  ]));
});

test('UpdateResource refuses create-only paths, read-only paths, bad patches and missing resources', async (t) => {
  const { emulator, client } = await withImage(t);
  await assert.rejects(
    update(client, [{ op: 'replace', path: '/ImageName', value: 'x' }]),
    (error: unknown) =>
      error instanceof NotUpdatableException && error.message.includes('createOnlyProperties [/properties/ImageName]'),
  );
  await assert.rejects(
    update(client, [{ op: 'replace', path: '/ImageArn', value: 'x' }]),
    (error: unknown) =>
      error instanceof InvalidRequestException && error.message.includes('readOnlyProperties [/properties/ImageArn]'),
  );
  await assert.rejects(update(client, 'not json'), InvalidRequestException);
  await assert.rejects(update(client, [{ op: 'remove', path: '/Nope' }]), InvalidRequestException);
  await assert.rejects(update(client, [{ op: 'jump', path: '/ImageDescription' }]), InvalidRequestException);
  await assert.rejects(update(client, [{ op: 'add', path: '/ImageDescription', value: 'x' }], `${ARN}x`), ResourceNotFoundException);
  assert.deepEqual(emulator.calls.map((call) => call.error), [
    'NotUpdatableException',
    'InvalidRequestException',
    'InvalidRequestException',
    'InvalidRequestException',
    'InvalidRequestException',
    'ResourceNotFoundException',
  ]);
});

test('an update whose patched model breaks the schema is a ValidationException at once and changes nothing', async (t) => {
  const { emulator, client } = await withImage(t);
  await assert.rejects(update(client, [{ op: 'remove', path: '/ImageRoleArn' }]), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'Model validation failed (#: required key [ImageRoleArn] not found)');
    return true;
  });
  await assert.rejects(update(client, [{ op: 'add', path: '/ImageDescription', value: 5 }]), (error: unknown) =>
    error instanceof Error && error.message === 'Model validation failed (#/ImageDescription: expected type: String, found: Integer)',
  );
  assert.equal((await read(client)).ImageRoleArn, ROLE_ARN);
  assert.deepEqual(emulator.calls.map((call) => call.error ?? 'ok'), ['ValidationException', 'ValidationException', 'ok']);
});

test('an update patches the model as read, without write-only properties: a required one must be sent again', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const TypeName = 'AWS::EC2::LaunchTemplate';
  const data = { InstanceType: 't3.micro' };
  const created = await createAndSettle(client, TypeName, { LaunchTemplateName: 'lt', LaunchTemplateData: data });
  assert.equal(created.OperationStatus, 'SUCCESS', created.StatusMessage);
  const Identifier = created.Identifier!;
  const send = (patch: unknown[]) =>
    client.send(new UpdateResourceCommand({ TypeName, Identifier, PatchDocument: JSON.stringify(patch) }));
  await assert.rejects(send([{ op: 'add', path: '/VersionDescription', value: 'v2' }]), (error: unknown) =>
    error instanceof Error && error.name === 'ValidationException' &&
    error.message === 'Model validation failed (#: required key [LaunchTemplateData] not found)',
  );
  const { ProgressEvent: started } = await send([
    { op: 'add', path: '/LaunchTemplateData', value: { InstanceType: 't3.small' } },
    { op: 'add', path: '/VersionDescription', value: 'v2' },
  ]);
  const done = await settle(client, started!.RequestToken!);
  assert.equal(done.OperationStatus, 'SUCCESS', done.StatusMessage);
  assert.equal(JSON.parse(done.ResourceModel!).LaunchTemplateData, undefined, 'a write-only property is never read back');
  const stored = emulator.service.scope({ account: '123456789012', region: 'us-east-1' }).table(TypeName).get(Identifier);
  assert.deepEqual(stored?.LaunchTemplateData, { InstanceType: 't3.small' }, 'the value sent again is what the resource keeps');
});

test('a required write-only property: a replace of it fails as AWS answers (the read model lacks the path), an add passes', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const TypeName = 'AWS::MSK::Configuration';
  const Identifier = 'arn:aws:kafka:us-east-1:123456789012:configuration/cfg/1';
  emulator.seed({ resources: [{ TypeName, Properties: { Name: 'cfg', Arn: Identifier, ServerProperties: 'a=1' } }] });
  const send = (patch: unknown[]) => client.send(new UpdateResourceCommand({ TypeName, Identifier, PatchDocument: JSON.stringify(patch) }));
  await assert.rejects(send([{ op: 'replace', path: '/ServerProperties', value: 'a=2' }]), (error: unknown) =>
    error instanceof InvalidRequestException && error.message === 'Invalid patch update: noSuchPath in source, path provided : //ServerProperties',
  );
  await assert.rejects(send([{ op: 'add', path: '/Description', value: 'd' }]), (error: unknown) =>
    error instanceof Error && error.name === 'ValidationException' && error.message === 'Model validation failed (#: required key [ServerProperties] not found)',
  );
  const { ProgressEvent: started } = await send([{ op: 'add', path: '/ServerProperties', value: 'a=2' }]);
  assert.equal((await settle(client, started!.RequestToken!)).OperationStatus, 'SUCCESS');
  assert.deepEqual(emulator.calls.map((call) => call.error ?? 'ok'), ['InvalidRequestException', 'ValidationException', 'ok', 'ok']);
});

test('a required object whose oneOf needs write-only keys (Synthetics Code) is invalid as read; create-only and write-only refuses both ways', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const client = cloudControlClient(emulator.url);
  const canary = {
    Name: 'probe', Code: { Handler: 'index.handler', Script: 's' }, ArtifactS3Location: 's3://b/p', ExecutionRoleArn: ROLE_ARN,
    Schedule: { Expression: 'rate(5 minutes)' }, RuntimeVersion: 'syn-nodejs-puppeteer-9.0',
  };
  const target = {
    DomainId: 'dzd_d', EnvironmentId: 'e', Id: 't', DomainIdentifier: 'dzd_d', EnvironmentIdentifier: 'e', ApplicableAssetTypes: ['a'],
    AuthorizedPrincipals: [ROLE_ARN], Name: 'n', SubscriptionTargetConfig: [{ FormName: 'f', Content: '{}' }], Type: 'GlueSubscriptionTargetType',
  };
  emulator.seed({ resources: [{ TypeName: 'AWS::Synthetics::Canary', Properties: canary }, { TypeName: 'AWS::DataZone::SubscriptionTarget', Properties: target }] });
  const send = (TypeName: string, Identifier: string, patch: unknown[]) => client.send(new UpdateResourceCommand({ TypeName, Identifier, PatchDocument: JSON.stringify(patch) }));
  await assert.rejects(send('AWS::Synthetics::Canary', 'probe', [{ op: 'replace', path: '/RuntimeVersion', value: 'syn-nodejs-puppeteer-10.0' }]), (error: unknown) =>
    error instanceof Error && error.name === 'ValidationException' && error.message.startsWith('Model validation failed (#/Code: '),
  );
  const target1 = 'dzd_d|e|t';
  await assert.rejects(send('AWS::DataZone::SubscriptionTarget', target1, [{ op: 'replace', path: '/Name', value: 'm' }]), (error: unknown) =>
    error instanceof Error && error.name === 'ValidationException' && /required key \[(DomainIdentifier|EnvironmentIdentifier)\]/.test(error.message),
  );
  await assert.rejects(
    send('AWS::DataZone::SubscriptionTarget', target1, [
      { op: 'add', path: '/DomainIdentifier', value: 'dzd_d' },
      { op: 'add', path: '/EnvironmentIdentifier', value: 'e' },
      { op: 'replace', path: '/Name', value: 'm' },
    ]),
    NotUpdatableException,
  );
});

test('DeleteResource removes the resource at SUCCESS; deleting a missing one fails with ErrorCode NotFound', async (t) => {
  const { client } = await withImage(t);
  const { ProgressEvent: started } = await remove(client);
  assert.equal(started?.Operation, 'DELETE');
  assert.equal(started?.Identifier, ARN);
  await read(client);
  assert.equal((await settle(client, started!.RequestToken!)).OperationStatus, 'SUCCESS');
  await assert.rejects(read(client), ResourceNotFoundException);
  const { ProgressEvent: again } = await remove(client);
  const failed = await settle(client, again!.RequestToken!);
  assert.equal(failed.OperationStatus, 'FAILED');
  assert.equal(failed.ErrorCode, 'NotFound');
});

test('a second write on a resource with a request in progress is ConcurrentOperationException', async (t) => {
  const { emulator, client } = await withImage(t);
  const { ProgressEvent: first } = await update(client, [{ op: 'add', path: '/ImageDescription', value: 'a' }]);
  await assert.rejects(remove(client), ConcurrentOperationException);
  await assert.rejects(update(client, [{ op: 'add', path: '/ImageDescription', value: 'b' }]), ConcurrentOperationException);
  await settle(client, first!.RequestToken!);
  const { ProgressEvent: deleting } = await remove(client);
  assert.equal((await settle(client, deleting!.RequestToken!)).OperationStatus, 'SUCCESS');
  assert.deepEqual(emulator.calls.map((call) => `${call.op}:${call.error ?? 'ok'}`), [
    'UpdateResource:ok',
    'DeleteResource:ConcurrentOperationException',
    'UpdateResource:ConcurrentOperationException',
    'GetResourceRequestStatus:ok',
    'DeleteResource:ok',
    'GetResourceRequestStatus:ok',
  ]);
});

test('CancelResourceRequest stops a request before it takes effect', async (t) => {
  const { client } = await withImage(t, 3);
  const { ProgressEvent: started } = await remove(client);
  const token = started!.RequestToken!;
  const { ProgressEvent: cancelling } = await client.send(new CancelResourceRequestCommand({ RequestToken: token }));
  assert.equal(cancelling?.OperationStatus, 'CANCEL_IN_PROGRESS');
  const { ProgressEvent: cancelled } = await client.send(new GetResourceRequestStatusCommand({ RequestToken: token }));
  assert.equal(cancelled?.OperationStatus, 'CANCEL_COMPLETE');
  assert.equal((await read(client)).ImageName, 'demo');
  await assert.rejects(client.send(new CancelResourceRequestCommand({ RequestToken: token })), ConcurrentModificationException);
  await assert.rejects(client.send(new CancelResourceRequestCommand({ RequestToken: 'nope' })), RequestTokenNotFoundException);
  await assert.rejects(client.send(new GetResourceRequestStatusCommand({ RequestToken: 'nope' })), RequestTokenNotFoundException);
});

test('ListResourceRequests lists requests of this account and region, filtered by operation and status', async (t) => {
  const { emulator, client } = await withImage(t);
  const created = await createAndSettle(client, IMAGE, { ImageName: 'two', ImageRoleArn: ROLE_ARN });
  const { ProgressEvent: updating } = await update(client, [{ op: 'add', path: '/ImageDescription', value: 'a' }]);
  const all = await client.send(new ListResourceRequestsCommand({}));
  assert.deepEqual(
    all.ResourceRequestStatusSummaries?.map((e) => [e.Operation, e.OperationStatus]),
    [
      ['CREATE', 'SUCCESS'],
      ['UPDATE', 'IN_PROGRESS'],
    ],
  );
  const filtered = await client.send(
    new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['UPDATE'], OperationStatuses: ['IN_PROGRESS'] } }),
  );
  assert.deepEqual(filtered.ResourceRequestStatusSummaries?.map((e) => e.RequestToken), [updating!.RequestToken]);
  const successes = await client.send(
    new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { OperationStatuses: ['SUCCESS'] } }),
  );
  assert.deepEqual(successes.ResourceRequestStatusSummaries?.map((e) => e.RequestToken), [created.RequestToken]);
  const paged = await client.send(new ListResourceRequestsCommand({ MaxResults: 1 }));
  assert.equal(paged.ResourceRequestStatusSummaries?.length, 1);
  const rest = await client.send(new ListResourceRequestsCommand({ MaxResults: 1, NextToken: paged.NextToken }));
  assert.equal(rest.ResourceRequestStatusSummaries?.[0].RequestToken, updating!.RequestToken);
  const elsewhere = await cloudControlClient(emulator.url, 'eu-west-1').send(new ListResourceRequestsCommand({}));
  assert.deepEqual(elsewhere.ResourceRequestStatusSummaries, []);
});

test('a test operation compares values structurally: an object with its keys reordered passes', async (t) => {
  const { emulator, client } = await withImage(t);
  emulator.seed({
    resources: [{ TypeName: IMAGE, Properties: { ImageName: 'tagged', ImageRoleArn: ROLE_ARN, Tags: [{ Key: 'k', Value: 'v' }] } }],
  });
  const tagged = 'arn:aws:sagemaker:us-east-1:123456789012:image/tagged';
  const { ProgressEvent: started } = await update(
    client,
    [
      { op: 'test', path: '/Tags/0', value: { Value: 'v', Key: 'k' } },
      { op: 'add', path: '/ImageDescription', value: 'checked' },
    ],
    tagged,
  );
  assert.equal((await settle(client, started!.RequestToken!)).OperationStatus, 'SUCCESS');
  assert.equal((await read(client, tagged)).ImageDescription, 'checked');
  await assert.rejects(
    update(client, [{ op: 'test', path: '/Tags/0', value: { Key: 'k', Value: 'other' } }], tagged),
    (error: unknown) => error instanceof InvalidRequestException && error.message.includes('Patch test failed at "/Tags/0"'),
  );
});
