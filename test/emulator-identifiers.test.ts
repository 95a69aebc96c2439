import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { cloudControlClient } from './support/clients.js';
import { createAndSettle } from './support/emulator.js';
import { seededRandom } from './support/random.js';

async function created(emulator: Emulator, typeName: string, desired: Record<string, unknown>, region = 'eu-west-1') {
  const client = cloudControlClient(emulator.url, region);
  const done = await createAndSettle(client, typeName, desired);
  assert.equal(done.OperationStatus, 'SUCCESS', `${typeName}: ${done.StatusMessage}`);
  const got = await client.send(new GetResourceCommand({ TypeName: typeName, Identifier: done.Identifier }));
  return { identifier: done.Identifier!, model: JSON.parse(got.ResourceDescription!.Properties!) };
}

test('generated identifiers have the shape AWS gives them, with the caller region and account', async (t) => {
  const emulator = await startEmulator({ port: 0, random: seededRandom(7) });
  t.after(() => emulator.close());
  const bucket = await created(emulator, 'AWS::S3::Bucket', { BucketName: 'my-bucket' });
  assert.equal(bucket.identifier, 'my-bucket');
  assert.equal(bucket.model.Arn, 'arn:aws:s3:::my-bucket');
  const logs = await created(emulator, 'AWS::Logs::LogGroup', { LogGroupName: 'app' });
  assert.equal(logs.model.Arn, 'arn:aws:logs:eu-west-1:123456789012:log-group:app:*');
  const vpc = await created(emulator, 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
  assert.match(vpc.identifier, /^vpc-[0-9a-f]{17}$/);
  const role = await created(emulator, 'AWS::IAM::Role', { RoleName: 'r', AssumeRolePolicyDocument: {} });
  assert.equal(role.model.Arn, 'arn:aws:iam::123456789012:role/r');
  const unnamed = await created(emulator, 'AWS::Logs::LogGroup', {});
  assert.match(unnamed.identifier, /^log-group-[0-9a-f]{8}$/, 'a missing name is generated, as CloudFormation does');
  const image = await created(emulator, 'AWS::SageMaker::Image', { ImageName: 'demo', ImageRoleArn: 'arn:aws:iam::123456789012:role/r' }, 'ap-south-1');
  assert.equal(image.identifier, 'arn:aws:sagemaker:ap-south-1:123456789012:image/demo');
});

test('integer read-only properties count per parent: image versions number 1, 2, 3 per image name', async (t) => {
  const emulator = await startEmulator({ port: 0 });
  t.after(() => emulator.close());
  const versions: [string, number][] = [];
  for (const name of ['a', 'a', 'b', 'a']) {
    const { model } = await created(emulator, 'AWS::SageMaker::ImageVersion', { ImageName: name, BaseImage: 'img:1' });
    versions.push([model.ImageVersionArn, model.Version]);
    assert.equal(model.ImageArn, `arn:aws:sagemaker:eu-west-1:123456789012:image/${name}`);
  }
  assert.deepEqual(versions, [
    ['arn:aws:sagemaker:eu-west-1:123456789012:image-version/a/1', 1],
    ['arn:aws:sagemaker:eu-west-1:123456789012:image-version/a/2', 2],
    ['arn:aws:sagemaker:eu-west-1:123456789012:image-version/b/1', 1],
    ['arn:aws:sagemaker:eu-west-1:123456789012:image-version/a/3', 3],
  ]);
});
