/**
 * Requests progress with the service clock, not with status polls; tokens expire; reads lag writes;
 * a second write on a busy resource is refused. Every test moves a virtual clock instead of waiting.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ConcurrentOperationException,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  RequestTokenNotFoundException,
  ResourceNotFoundException,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { startEmulator, type EmulatorOptions } from '../src/emulator/index.js';
import { awsCloudControl, SKIP_WITHOUT_AWS_CLI } from './support/aws-cli.js';
import { cloudControlClient } from './support/clients.js';
import { IMAGE, ROLE_ARN } from './support/emulator.js';

const T0 = Date.parse('2026-08-07T00:00:00Z');
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:image/demo';
const DESIRED = JSON.stringify({ ImageName: 'demo', ImageRoleArn: ROLE_ARN });

async function clocked(t: { after: (fn: () => Promise<void>) => void }, options: EmulatorOptions) {
  const clock = { now: T0 };
  const emulator = await startEmulator({ port: 0, clock: () => clock.now, ...options });
  t.after(() => emulator.close());
  return { emulator, clock, client: cloudControlClient(emulator.url) };
}

test('a write stays IN_PROGRESS for asyncMs and then completes even when nobody polls it', async (t) => {
  const { client, clock } = await clocked(t, { asyncMs: 5000 });
  const { ProgressEvent: started } = await client.send(new CreateResourceCommand({ TypeName: IMAGE, DesiredState: DESIRED }));
  assert.equal(started?.OperationStatus, 'IN_PROGRESS');
  assert.equal(started?.EventTime?.getTime(), T0);
  assert.equal(started?.RetryAfter, undefined, 'a write answer carries no RetryAfter');
  clock.now = T0 + 1000;
  const { ProgressEvent: polled } = await client.send(new GetResourceRequestStatusCommand({ RequestToken: started!.RequestToken }));
  assert.equal(polled?.OperationStatus, 'IN_PROGRESS');
  assert.equal(polled?.EventTime?.getTime(), T0 + 1000);
  assert.equal(polled?.RetryAfter?.getTime(), T0 + 5000, 'an IN_PROGRESS status answer says when the request is due');
  for (let i = 0; i < 5; i += 1) await client.send(new GetResourceRequestStatusCommand({ RequestToken: started!.RequestToken }));
  await assert.rejects(client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: ARN })), ResourceNotFoundException);

  clock.now = T0 + 5000;
  const listed = await client.send(new ListResourceRequestsCommand({}));
  assert.deepEqual(
    listed.ResourceRequestStatusSummaries?.map((e) => [e.OperationStatus, e.Identifier, e.EventTime?.getTime(), e.RetryAfter]),
    [['SUCCESS', ARN, T0 + 5000, undefined]],
  );
  const got = await client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: ARN }));
  assert.equal(got.ResourceDescription?.Identifier, ARN);
});

test('with the AWS CLI too, a create nobody polls completes and its resource appears', { skip: SKIP_WITHOUT_AWS_CLI }, async (t) => {
  const { emulator, clock } = await clocked(t, { asyncMs: 3000 });
  const created = await awsCloudControl(emulator.url, ['create-resource', '--type-name', IMAGE, '--desired-state', DESIRED]);
  assert.equal(created.ProgressEvent.OperationStatus, 'IN_PROGRESS');
  const early = await awsCloudControl(emulator.url, ['list-resource-requests']);
  assert.deepEqual(early.ResourceRequestStatusSummaries.map((e: { OperationStatus: string }) => e.OperationStatus), ['IN_PROGRESS']);
  clock.now = T0 + 3000;
  const late = await awsCloudControl(emulator.url, ['list-resource-requests']);
  assert.deepEqual(late.ResourceRequestStatusSummaries.map((e: { OperationStatus: string }) => e.OperationStatus), ['SUCCESS']);
  const got = await awsCloudControl(emulator.url, ['get-resource', '--type-name', IMAGE, '--identifier', ARN]);
  assert.equal(JSON.parse(got.ResourceDescription.Properties).ImageName, 'demo');
  assert.deepEqual(emulator.calls.map((c) => c.op), ['CreateResource', 'ListResourceRequests', 'ListResourceRequests', 'GetResource']);
});

test('request tokens are forgotten after 7 days, client tokens after 36 hours', async (t) => {
  const { client, clock } = await clocked(t, {});
  const create = (ClientToken: string, ImageName: string) =>
    client.send(new CreateResourceCommand({ TypeName: IMAGE, ClientToken, DesiredState: JSON.stringify({ ImageName, ImageRoleArn: ROLE_ARN }) }));
  const first = (await create('token-1', 'a')).ProgressEvent!;
  clock.now = T0 + 36 * 3_600_000 - 1;
  assert.equal((await create('token-1', 'a')).ProgressEvent?.RequestToken, first.RequestToken, 'within 36 hours: the same request');
  clock.now = T0 + 36 * 3_600_000;
  const renewed = (await create('token-1', 'b')).ProgressEvent!;
  assert.notEqual(renewed.RequestToken, first.RequestToken, 'after 36 hours the token starts a new request');
  clock.now = T0 + 7 * 24 * 3_600_000 - 1;
  const status = await client.send(new GetResourceRequestStatusCommand({ RequestToken: first.RequestToken }));
  assert.equal(status.ProgressEvent?.OperationStatus, 'SUCCESS');
  clock.now = T0 + 7 * 24 * 3_600_000;
  await assert.rejects(client.send(new GetResourceRequestStatusCommand({ RequestToken: first.RequestToken })), (error: unknown) =>
    error instanceof RequestTokenNotFoundException && error.$metadata.httpStatusCode === 404,
  );
  const left = await client.send(new ListResourceRequestsCommand({}));
  assert.deepEqual(left.ResourceRequestStatusSummaries?.map((e) => e.RequestToken), [renewed.RequestToken]);
});

test('settleMs hides a just-created resource from GetResource and ListResources for that long', async (t) => {
  const { client, clock } = await clocked(t, { asyncMs: 1000, settleMs: 2000 });
  const { ProgressEvent: started } = await client.send(new CreateResourceCommand({ TypeName: IMAGE, DesiredState: DESIRED }));
  clock.now = T0 + 1000;
  const done = await client.send(new GetResourceRequestStatusCommand({ RequestToken: started!.RequestToken }));
  assert.equal(done.ProgressEvent?.OperationStatus, 'SUCCESS');
  const visible = async () => {
    const listed = await client.send(new ListResourcesCommand({ TypeName: IMAGE }));
    const got = await client.send(new GetResourceCommand({ TypeName: IMAGE, Identifier: ARN })).then(
      () => 'found',
      (error: Error) => error.name,
    );
    return [listed.ResourceDescriptions?.length, got];
  };
  assert.deepEqual(await visible(), [0, 'ResourceNotFoundException']);
  clock.now = T0 + 2999;
  assert.deepEqual(await visible(), [0, 'ResourceNotFoundException']);
  clock.now = T0 + 3000;
  assert.deepEqual(await visible(), [1, 'found']);
});

test('a write on a resource whose request is still IN_PROGRESS is ConcurrentOperationException (409)', async (t) => {
  const { emulator, client, clock } = await clocked(t, { asyncMs: 4000 });
  emulator.seed({ resources: [{ TypeName: IMAGE, Properties: { ImageName: 'demo', ImageRoleArn: ROLE_ARN } }] });
  const patch = JSON.stringify([{ op: 'add', path: '/ImageDescription', value: 'a' }]);
  await client.send(new UpdateResourceCommand({ TypeName: IMAGE, Identifier: ARN, PatchDocument: patch }));
  clock.now = T0 + 3999;
  await assert.rejects(client.send(new DeleteResourceCommand({ TypeName: IMAGE, Identifier: ARN })), (error: unknown) =>
    error instanceof ConcurrentOperationException && error.$metadata.httpStatusCode === 409,
  );
  await assert.rejects(client.send(new UpdateResourceCommand({ TypeName: IMAGE, Identifier: ARN, PatchDocument: patch })), ConcurrentOperationException);
  clock.now = T0 + 4000;
  const { ProgressEvent: deleting } = await client.send(new DeleteResourceCommand({ TypeName: IMAGE, Identifier: ARN }));
  assert.equal(deleting?.OperationStatus, 'IN_PROGRESS');
  assert.deepEqual(emulator.calls.map((c) => `${c.op}:${c.error ?? 'ok'}`), [
    'UpdateResource:ok',
    'DeleteResource:ConcurrentOperationException',
    'UpdateResource:ConcurrentOperationException',
    'DeleteResource:ok',
  ]);
});
