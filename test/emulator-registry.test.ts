/** The emulator's CloudFormation registry through the real @aws-sdk/client-cloudformation (AWS Query protocol). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudFormationClient, DescribeTypeCommand, ListTypesCommand } from '@aws-sdk/client-cloudformation';
import { startEmulator } from '../src/emulator/index.js';
import { BUNDLED_LAST_UPDATED } from '../src/emulator/registry.js';
import { TEST_CREDENTIALS } from './support/clients.js';

const SCHEMAS = new URL('./fixtures/registry-schemas', import.meta.url).pathname;
const client = (url: string) => new CloudFormationClient({ endpoint: url, region: 'us-east-1', credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });

test('ListTypes: PRIVATE and FULLY_MUTABLE by default, pages of at most 100; DescribeType gives the schema', async (t) => {
  const emulator = await startEmulator({ port: 0, schemas: SCHEMAS, clock: () => Date.parse('2026-11-30T12:00:00Z') });
  const cf = client(emulator.url);
  t.after(async () => {
    cf.destroy();
    await emulator.close();
  });
  const own = await cf.send(new ListTypesCommand({ Type: 'RESOURCE' }));
  assert.deepEqual(own.TypeSummaries?.map((s) => [s.TypeName, s.TypeArn, s.LastUpdated?.toISOString(), s.DefaultVersionId]), [
    ['Acme::Widgets::Thing', 'arn:aws:cloudformation:us-east-1:123456789012:type/resource/Acme-Widgets-Thing', '2026-11-30T12:00:00.000Z', '00000001'],
  ]);
  assert.equal(own.NextToken, undefined);
  const first = await cf.send(new ListTypesCommand({ Type: 'RESOURCE', Visibility: 'PUBLIC', ProvisioningType: 'IMMUTABLE', MaxResults: 100 }));
  assert.equal(first.TypeSummaries?.length, 100);
  assert.equal(first.TypeSummaries?.[0]?.LastUpdated?.toISOString(), BUNDLED_LAST_UPDATED);
  const second = await cf.send(new ListTypesCommand({ Type: 'RESOURCE', Visibility: 'PUBLIC', ProvisioningType: 'IMMUTABLE', MaxResults: 100, NextToken: first.NextToken }));
  assert.ok((second.TypeSummaries?.length ?? 0) > 0);
  assert.equal(new Set([...first.TypeSummaries!, ...second.TypeSummaries!].map((s) => s.TypeName)).size, first.TypeSummaries!.length + second.TypeSummaries!.length);

  const group = await cf.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::Logs::LogGroup' }));
  const schema = JSON.parse(group.Schema!) as { properties: Record<string, unknown>; primaryIdentifier: string[] };
  assert.ok('RetentionPolicyTier' in schema.properties);
  assert.deepEqual(schema.primaryIdentifier, ['/properties/LogGroupName']);
  assert.deepEqual([group.Visibility, group.ProvisioningType, group.DefaultVersionId], ['PUBLIC', 'FULLY_MUTABLE', '00000002']);

  await assert.rejects(cf.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::Nope::Nope' })), (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.deepEqual([e.name, e.$metadata?.httpStatusCode], ['TypeNotFoundException', 404]);
    return true;
  });
});

test('the registry shares the rate limit of the account and region', async (t) => {
  const emulator = await startEmulator({ port: 0, rateLimit: 1, clock: () => 0 });
  const cf = client(emulator.url);
  t.after(async () => {
    cf.destroy();
    await emulator.close();
  });
  await cf.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::Logs::LogGroup' }));
  await assert.rejects(cf.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::Logs::LogGroup' })), (e: { name?: string }) => e.name === 'Throttling');
  assert.deepEqual(emulator.calls.map((c) => [c.op, c.error]), [['DescribeType', undefined], ['DescribeType', 'ThrottlingException']]);
});
