/**
 * Global types are read once however many regions a query covers: every IAM role once, every S3
 * bucket once with `region` its real region (from RegionalDomainName), and `WHERE region = …` keeps
 * that region's buckets only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeedDocument } from '../src/emulator/index.js';
import { session } from './support/session.js';

const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const estate: SeedDocument = {
  resources: [
    { TypeName: 'AWS::IAM::Role', Region: 'us-east-1', Properties: { RoleName: 'admin', AssumeRolePolicyDocument: POLICY } },
    { TypeName: 'AWS::IAM::Role', Region: 'eu-west-1', Properties: { RoleName: 'reader', AssumeRolePolicyDocument: POLICY } },
    { TypeName: 'AWS::S3::Bucket', Region: 'us-east-1', Properties: { BucketName: 'logs-east' } },
    { TypeName: 'AWS::S3::Bucket', Region: 'eu-west-1', Properties: { BucketName: 'data-eu' } },
    { TypeName: 'AWS::S3::Bucket', Region: 'us-west-2', Properties: { BucketName: 'web-west' } },
  ],
};
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

test('IAM roles are listed once for three regions, each role once', async (t) => {
  const s = await session(estate, { regions: REGIONS });
  t.after(() => s.close());
  const rows = await s.db.query('SELECT role_name, region FROM awscc.iam.roles ORDER BY role_name');
  assert.deepEqual(rows, [{ role_name: 'admin', region: 'us-east-1' }, { role_name: 'reader', region: 'us-east-1' }]);
  assert.deepEqual(s.take(), ['ListResources AWS::IAM::Role us-east-1']);
});

test('S3 buckets are read once, each with its own region; WHERE region keeps that region only', async (t) => {
  const s = await session(estate, { regions: REGIONS });
  t.after(() => s.close());
  const rows = await s.db.query('SELECT bucket_name, region FROM awscc.s3.buckets ORDER BY bucket_name');
  assert.deepEqual(rows, [
    { bucket_name: 'data-eu', region: 'eu-west-1' },
    { bucket_name: 'logs-east', region: 'us-east-1' },
    { bucket_name: 'web-west', region: 'us-west-2' },
  ]);
  const calls = s.take();
  assert.deepEqual(calls.filter((c) => c.startsWith('ListResources')), ['ListResources AWS::S3::Bucket us-east-1'], 'one listing, not three');
  assert.deepEqual(calls.filter((c) => c.startsWith('GetResource')).sort(), ['data-eu', 'logs-east', 'web-west'].map((b) => `GetResource AWS::S3::Bucket ${b} us-east-1`));

  assert.deepEqual(await s.db.query("SELECT bucket_name FROM awscc.s3.buckets WHERE region = 'eu-west-1'"), [{ bucket_name: 'data-eu' }]);
  assert.deepEqual(await s.db.query("SELECT bucket_name, region FROM awscc.s3.buckets WHERE region IN ('us-west-2', 'us-east-1') ORDER BY bucket_name"), [
    { bucket_name: 'logs-east', region: 'us-east-1' },
    { bucket_name: 'web-west', region: 'us-west-2' },
  ]);
  assert.equal(s.take().filter((c) => c.startsWith('ListResources')).length, 2, 'one listing per statement');
  assert.deepEqual(await s.db.query("SELECT count(*) AS n FROM awscc.s3.buckets WHERE region = 'ap-south-1'"), [{ n: 0 }]);
});

test('a _list_only listing of S3 buckets shows each bucket its own region too, read from its model', async (t) => {
  const s = await session(estate, { regions: REGIONS });
  t.after(() => s.close());
  const rows = await s.db.query('SELECT bucket_name, region FROM awscc.s3.buckets_list_only ORDER BY bucket_name');
  assert.deepEqual(rows, [
    { bucket_name: 'data-eu', region: 'eu-west-1' },
    { bucket_name: 'logs-east', region: 'us-east-1' },
    { bucket_name: 'web-west', region: 'us-west-2' },
  ]);
  assert.deepEqual(s.take().sort(), [
    'GetResource AWS::S3::Bucket data-eu us-east-1', 'GetResource AWS::S3::Bucket logs-east us-east-1', 'GetResource AWS::S3::Bucket web-west us-east-1',
    'ListResources AWS::S3::Bucket us-east-1',
  ]);
  assert.deepEqual(await s.db.query("SELECT bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'eu-west-1'"), [{ bucket_name: 'data-eu' }]);
});
