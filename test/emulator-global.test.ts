/** Types answered the same from every region (src/emulator/global-types.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator } from '../src/emulator/index.js';
import { isGlobal } from '../src/emulator/global-types.js';
import { cloudControlClient } from './support/clients.js';
import { createAndSettle } from './support/emulator.js';

const BUCKET = 'AWS::S3::Bucket';

test('an S3 bucket listing in any region returns every bucket, each showing its own region', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const west = cloudControlClient(emulator.url, 'eu-west-1');
  const east = cloudControlClient(emulator.url, 'us-east-1');
  assert.equal((await createAndSettle(west, BUCKET, { BucketName: 'logs-eu' })).OperationStatus, 'SUCCESS');
  assert.equal((await createAndSettle(east, BUCKET, { BucketName: 'logs-us' })).OperationStatus, 'SUCCESS');
  for (const region of ['us-east-1', 'eu-west-1', 'ap-south-1']) {
    const listed = await cloudControlClient(emulator.url, region).send(new ListResourcesCommand({ TypeName: BUCKET }));
    assert.deepEqual(listed.ResourceDescriptions?.map((d) => d.Identifier), ['logs-eu', 'logs-us'], region);
  }
  const got = await east.send(new GetResourceCommand({ TypeName: BUCKET, Identifier: 'logs-eu' }));
  const model = JSON.parse(got.ResourceDescription!.Properties!);
  assert.equal(model.RegionalDomainName, 'logs-eu.s3.eu-west-1.amazonaws.com', 'the bucket keeps the region it was created in');
  assert.equal(model.Arn, 'arn:aws:s3:::logs-eu');
  const again = await createAndSettle(east, BUCKET, { BucketName: 'logs-eu' });
  assert.equal(again.ErrorCode, 'AlreadyExists', 'bucket names are one namespace across regions');
});

test('Route 53, CloudFront, IAM and Organizations types are global; their regional look-alikes are not', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const zone = await createAndSettle(cloudControlClient(emulator.url, 'eu-west-1'), 'AWS::Route53::HostedZone', { Name: 'example.com' });
  assert.equal(zone.OperationStatus, 'SUCCESS', zone.StatusMessage);
  const listed = await cloudControlClient(emulator.url, 'ap-south-1').send(new ListResourcesCommand({ TypeName: 'AWS::Route53::HostedZone' }));
  assert.deepEqual(listed.ResourceDescriptions?.map((d) => d.Identifier), [zone.Identifier]);
  assert.deepEqual(
    ['AWS::IAM::Role', 'AWS::Route53::HostedZone', 'AWS::CloudFront::Distribution', 'AWS::Organizations::Account', 'AWS::S3::Bucket'].filter(isGlobal).length,
    5,
  );
  assert.deepEqual(
    ['AWS::Route53Resolver::ResolverEndpoint', 'AWS::WAFv2::WebACL', 'AWS::GlobalAccelerator::Accelerator', 'AWS::S3::BucketPolicy', 'AWS::SageMaker::Image'].filter(isGlobal),
    [],
  );
});
