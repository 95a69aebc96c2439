/**
 * The emulator's Resource Groups Tagging API, through the real
 * `@aws-sdk/client-resource-groups-tagging-api`: answers from the Cloud Control store, scoped to the
 * caller's account and region, paged with PaginationToken, refused and throttled as AWS does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DescribeReportCreationCommand,
  GetComplianceSummaryCommand,
  GetResourcesCommand,
  type GetResourcesCommandInput,
  GetTagKeysCommand,
  GetTagValuesCommand,
  InvalidParameterException,
  ThrottledException,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { startEmulator } from '../src/emulator/index.js';
import { taggingClient } from './support/clients.js';
import { TAGGED_ESTATE } from './support/tagging.js';

const start = (options = {}) => startEmulator({ port: 0, seed: TAGGED_ESTATE, ...options });

test('GetResources lists the tagged resources of the caller\'s account and region, with their ARNs and tags', async (t) => {
  const emulator = await start();
  t.after(() => emulator.close());
  const client = taggingClient(emulator.url);
  const answer = await client.send(new GetResourcesCommand({}));
  const rows = (answer.ResourceTagMappingList ?? []).map((m) => [m.ResourceARN!.replace(/vpc-[0-9a-f]+$/, 'vpc-…'), m.Tags]);
  assert.deepEqual(rows, [
    ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-…', [{ Key: 'env', Value: 'dev' }]],
    ['arn:aws:s3:::logs', [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'prod' }]],
    ['arn:aws:sagemaker:us-east-1:123456789012:image/tagged', [{ Key: 'team', Value: 'ml' }]],
  ]);
  assert.equal(answer.PaginationToken, '');
  const west = await taggingClient(emulator.url, 'eu-west-1').send(new GetResourcesCommand({}));
  assert.deepEqual(west.ResourceTagMappingList?.map((m) => m.ResourceARN), ['arn:aws:s3:::eu-logs']);
  assert.deepEqual(emulator.calls.map((c) => `${c.op} ${c.region} ${c.account}`), ['GetResources us-east-1 123456789012', 'GetResources eu-west-1 123456789012']);
});

test('GetResources filters by tags (every filter, any value) and by service[:resourceType]', async (t) => {
  const emulator = await start();
  t.after(() => emulator.close());
  const client = taggingClient(emulator.url);
  const arns = async (input: GetResourcesCommandInput) =>
    ((await client.send(new GetResourcesCommand(input))).ResourceTagMappingList ?? []).map((m) => m.ResourceARN!.replace(/vpc-[0-9a-f]+$/, 'vpc-…'));
  assert.deepEqual(await arns({ TagFilters: [{ Key: 'team', Values: ['ml', 'data'] }] }), ['arn:aws:s3:::logs', 'arn:aws:sagemaker:us-east-1:123456789012:image/tagged']);
  assert.deepEqual(await arns({ TagFilters: [{ Key: 'team' }, { Key: 'env', Values: ['prod'] }] }), ['arn:aws:s3:::logs']);
  assert.deepEqual(await arns({ ResourceTypeFilters: ['s3:bucket', 'ec2'] }), ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-…', 'arn:aws:s3:::logs']);
  assert.deepEqual(await arns({ ResourceTypeFilters: ['ec2:vpc'] }), ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-…']);
  assert.deepEqual(await arns({ ResourceTypeFilters: ['ec2:instance'] }), []);
  assert.deepEqual(await arns({ ResourceARNList: ['arn:aws:s3:::logs', 'arn:aws:s3:::missing'] }), ['arn:aws:s3:::logs']);
});

test('GetResources pages by ResourcesPerPage and PaginationToken; GetTagKeys and GetTagValues answer the keys and values in use', async (t) => {
  const emulator = await start();
  t.after(() => emulator.close());
  const client = taggingClient(emulator.url);
  const first = await client.send(new GetResourcesCommand({ ResourcesPerPage: 2 }));
  assert.equal(first.ResourceTagMappingList?.length, 2);
  assert.ok(first.PaginationToken);
  const second = await client.send(new GetResourcesCommand({ ResourcesPerPage: 2, PaginationToken: first.PaginationToken }));
  assert.equal(second.ResourceTagMappingList?.length, 1);
  assert.equal(second.PaginationToken, '');
  assert.deepEqual((await client.send(new GetTagKeysCommand({}))).TagKeys, ['env', 'team']);
  assert.deepEqual((await client.send(new GetTagValuesCommand({ Key: 'team' }))).TagValues, ['data', 'ml']);
  assert.deepEqual((await client.send(new GetTagValuesCommand({ Key: 'nobody' }))).TagValues, []);
  assert.deepEqual(emulator.calls.map((c) => c.op), ['GetResources', 'GetResources', 'GetTagKeys', 'GetTagValues', 'GetTagValues']);
});

test('GetComplianceSummary finds nothing noncompliant and DescribeReportCreation reports NO REPORT', async (t) => {
  const emulator = await start();
  t.after(() => emulator.close());
  const client = taggingClient(emulator.url);
  const summary = await client.send(new GetComplianceSummaryCommand({ GroupBy: ['RESOURCE_TYPE'] }));
  assert.deepEqual(summary.SummaryList, []);
  const report = await client.send(new DescribeReportCreationCommand({}));
  assert.equal(report.Status, 'NO REPORT');
  assert.equal(report.S3Location, undefined);
});

test('invalid requests are InvalidParameterException, a rate limit ThrottledException, and each is in the call log', async (t) => {
  const emulator = await start({ rateLimit: 1, clock: () => 0 });
  t.after(() => emulator.close());
  const client = taggingClient(emulator.url);
  await assert.rejects(client.send(new GetResourcesCommand({ ResourceARNList: ['arn:aws:s3:::logs'], ResourcesPerPage: 5 })), InvalidParameterException);
  await assert.rejects(client.send(new GetTagKeysCommand({})), ThrottledException);
  assert.deepEqual(emulator.calls.map((c) => `${c.op} ${c.error}`), ['GetResources InvalidParameterException', 'GetTagKeys ThrottledException']);
  emulator.setRateLimit(0);
  await assert.rejects(client.send(new GetResourcesCommand({ ResourcesPerPage: 101 })), InvalidParameterException);
  await assert.rejects(client.send(new GetResourcesCommand({ PaginationToken: 'not-a-token' })), InvalidParameterException);
  await assert.rejects(client.send(new GetTagValuesCommand({ Key: '' })), InvalidParameterException);
  await assert.rejects(client.send(new GetComplianceSummaryCommand({ MaxResults: 0 })), InvalidParameterException);
});
