/**
 * Many accounts behind one endpoint: STS AssumeRole issues keys that act as the role's account,
 * Organizations lists the seed's accounts, and each way an account fails (not trusted, expired,
 * suspended, region not enabled) is answered as AWS answers it — through the real SDK clients.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { DescribeOrganizationCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { startEmulator, type EmulatorOptions, type SeedDocument } from '../src/emulator/index.js';
import { TEST_CREDENTIALS } from './support/clients.js';

const MGMT = '111111111111';
const DEV = '222222222222';
const OLD = '333333333333';
const EU = '444444444444';
const LOG_GROUP = 'AWS::Logs::LogGroup';
const T0 = Date.parse('2026-08-07T00:00:00Z');
const audit = (account: string) => `arn:aws:iam::${account}:role/Audit`;
const VENDOR = `arn:aws:iam::${DEV}:role/Vendor`;

const ORG: SeedDocument = {
  resources: [
    { TypeName: LOG_GROUP, Account: MGMT, Properties: { LogGroupName: 'mgmt-logs' } },
    { TypeName: LOG_GROUP, Account: DEV, Properties: { LogGroupName: 'dev-logs' } },
    { TypeName: LOG_GROUP, Account: EU, Region: 'eu-west-1', Properties: { LogGroupName: 'eu-logs' } },
  ],
  accounts: [
    { Id: MGMT, Name: 'Management', Email: 'root@example.com' },
    { Id: DEV, Name: 'Dev', Status: 'ACTIVE', JoinedTimestamp: '2026-03-01T10:00:00Z' },
    { Id: OLD, Name: 'Old', Status: 'SUSPENDED' },
    { Id: EU, Name: 'EU only', EnabledRegions: ['eu-west-1'] },
  ],
  trustedRoles: [audit(MGMT), audit(DEV), audit(OLD), audit(EU), { Arn: VENDOR, ExternalId: 'vendor-123' }],
};

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const keyOf = (account: string): Creds => ({ accessKeyId: account, secretAccessKey: 'x' });
const fromSts = (c: Credentials | undefined): Creds => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });

async function endpoint(t: { after: (fn: () => Promise<void>) => void }, options: EmulatorOptions = {}) {
  const clock = { now: T0 };
  const emulator = await startEmulator({ port: 0, seed: ORG, clock: () => clock.now, ...options });
  t.after(() => emulator.close());
  const config = (credentials: Creds, region: string) => ({ endpoint: emulator.url, region, credentials: { ...credentials }, maxAttempts: 1 });
  return {
    emulator,
    clock,
    sts: (credentials: Creds = TEST_CREDENTIALS, region = 'us-east-1') => new STSClient(config(credentials, region)),
    cc: (credentials: Creds, region = 'us-east-1') => new CloudControlClient(config(credentials, region)),
    org: (credentials: Creds, region = 'us-east-1') => new OrganizationsClient(config(credentials, region)),
  };
}

/** Asserts the SDK error's name, HTTP status and message (and Reason, when given). */
function rejectsWith(name: string, status: number, message?: string, reason?: string) {
  return (e: { name?: string; message?: string; Reason?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.deepEqual([e.name, e.$metadata?.httpStatusCode], [name, status]);
    if (message !== undefined) assert.equal(e.message, message);
    if (reason !== undefined) assert.equal(e.Reason, reason);
    return true;
  };
}

test('a malformed accounts or trustedRoles list stops the emulator with INVALID_ARGUMENT', async () => {
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ accounts: [] }, /"accounts" must be a non-empty array/],
    [{ accounts: [{ Id: '12', Name: 'x' }] }, /Seed account 0 needs an "Id" of twelve digits, not "12"/],
    [{ accounts: [{ Id: MGMT }] }, /Seed account 0 \("111111111111"\) needs a "Name" string/],
    [{ accounts: [{ Id: MGMT, Name: 'm', Status: 'CLOSED' }] }, /"Status" "CLOSED"; expected one of ACTIVE, SUSPENDED, PENDING_CLOSURE/],
    [{ accounts: [{ Id: MGMT, Name: 'm' }, { Id: MGMT, Name: 'n' }] }, /"111111111111" is listed twice/],
    [{ accounts: [{ Id: MGMT, Name: 'm', EnabledRegions: 'us-east-1' }] }, /"EnabledRegions" that is not an array/],
    [{ accounts: [{ Id: MGMT, Name: 'm' }], managementAccount: DEV }, /"managementAccount" "222222222222" is not among/],
    [{ accounts: [{ Id: MGMT, Name: 'm' }], delegatedAdministrators: [DEV] }, /delegated administrator "222222222222" is not among/],
    [{ managementAccount: MGMT }, /need an "accounts" list/],
    [{ trustedRoles: 'arn:aws:iam::111111111111:role/Audit' }, /"trustedRoles" must be an array/],
    [{ trustedRoles: ['arn:aws:iam::1111:role/Audit'] }, /Seed trusted role 0 must be a role ARN/],
    [{ trustedRoles: [{ Arn: audit(MGMT), ExternalId: 7 }] }, /"ExternalId" that is not a string/],
  ];
  for (const [doc, message] of bad) {
    await assert.rejects(startEmulator({ port: 0, seed: { resources: [], ...doc } as SeedDocument }), (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'INVALID_ARGUMENT', JSON.stringify(doc));
      assert.match(e.message ?? '', message);
      return true;
    });
  }
});

test('AssumeRole gives keys that act as the role account: GetCallerIdentity and ListResources see that account only', async (t) => {
  const { emulator, sts, cc } = await endpoint(t);
  const assumed = await sts().send(new AssumeRoleCommand({ RoleArn: audit(DEV), RoleSessionName: 'ccsql' }));
  assert.match(assumed.Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
  assert.equal(assumed.Credentials?.Expiration?.toISOString(), '2026-08-07T01:00:00.000Z', 'an hour by default, on the service clock');
  assert.equal(assumed.AssumedRoleUser?.Arn, `arn:aws:sts::${DEV}:assumed-role/Audit/ccsql`);
  assert.match(assumed.AssumedRoleUser?.AssumedRoleId ?? '', /^AROA[A-Z2-7]{17}:ccsql$/);

  const creds = fromSts(assumed.Credentials);
  const who = await sts(creds).send(new GetCallerIdentityCommand({}));
  assert.deepEqual([who.Account, who.Arn, who.UserId], [DEV, `arn:aws:sts::${DEV}:assumed-role/Audit/ccsql`, assumed.AssumedRoleUser?.AssumedRoleId]);
  const listed = await cc(creds).send(new ListResourcesCommand({ TypeName: LOG_GROUP }));
  assert.deepEqual(listed.ResourceDescriptions?.map((d) => d.Identifier), ['dev-logs']);
  const mine = await cc(TEST_CREDENTIALS).send(new ListResourcesCommand({ TypeName: LOG_GROUP }));
  assert.deepEqual(mine.ResourceDescriptions?.map((d) => d.Identifier), [], 'the default account has none of the seeded groups');
  assert.deepEqual(emulator.calls.map((c) => [c.op, c.account, c.error]), [
    ['AssumeRole', '123456789012', undefined],
    ['GetCallerIdentity', DEV, undefined],
    ['ListResources', DEV, undefined],
    ['ListResources', '123456789012', undefined],
  ]);
});

test('fromTemporaryCredentials, as the multi-account client uses it, assumes each role once and reads each account', async (t) => {
  const { emulator, cc } = await endpoint(t, { clock: Date.now });
  const viaRole = (account: string) =>
    fromTemporaryCredentials({
      masterCredentials: { ...TEST_CREDENTIALS },
      params: { RoleArn: audit(account), RoleSessionName: 'ccsql-org' },
      clientConfig: { endpoint: emulator.url, region: 'us-east-1', maxAttempts: 1 },
    });
  const client = (account: string) => new CloudControlClient({ endpoint: emulator.url, region: 'us-east-1', credentials: viaRole(account), maxAttempts: 1 });
  const dev = client(DEV);
  for (let i = 0; i < 2; i += 1) {
    const listed = await dev.send(new ListResourcesCommand({ TypeName: LOG_GROUP }));
    assert.deepEqual(listed.ResourceDescriptions?.map((d) => d.Identifier), ['dev-logs']);
  }
  const outcomes = await Promise.allSettled([MGMT, OLD].map((account) => client(account).send(new ListResourcesCommand({ TypeName: LOG_GROUP }))));
  assert.deepEqual(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.ResourceDescriptions?.map((d) => d.Identifier) : (o.reason as Error).name)), [['mgmt-logs'], 'AccessDenied'],
    'a suspended account fails on its own; the others answer');
  assert.deepEqual(emulator.calls.filter((c) => c.account === DEV || c.op === 'AssumeRole').map((c) => [c.op, c.account]).slice(0, 3), [
    ['AssumeRole', '123456789012'],
    ['ListResources', DEV],
    ['ListResources', DEV],
  ]);
});

test('AssumeRole members outside the API constraints are ValidationError, as STS words them', async (t) => {
  const { sts } = await endpoint(t);
  const cases: Array<[Partial<{ RoleArn: string; RoleSessionName: string; DurationSeconds: number; ExternalId: string }>, string]> = [
    [{ RoleArn: 'nope' }, "1 validation error detected: Value 'nope' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
    [{ RoleArn: 'arn:aws:iam::2222:role/Audit' }, 'arn:aws:iam::2222:role/Audit is invalid'],
    [{ RoleSessionName: 'a' }, "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    [{ RoleSessionName: 'has space' }, "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
    [{ DurationSeconds: 899 }, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
    [{ DurationSeconds: 43201, RoleSessionName: 'x'.repeat(65) }, `2 validation errors detected: Value '${'x'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`],
  ];
  for (const [params, message] of cases) {
    await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: audit(DEV), RoleSessionName: 'ccsql', ...params })), rejectsWith('ValidationError', 400, message));
  }
  const chained = fromSts((await sts().send(new AssumeRoleCommand({ RoleArn: audit(MGMT), RoleSessionName: 'first' }))).Credentials);
  await assert.rejects(sts(chained).send(new AssumeRoleCommand({ RoleArn: audit(DEV), RoleSessionName: 'second', DurationSeconds: 7200 })),
    rejectsWith('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'));
  const second = await sts(chained).send(new AssumeRoleCommand({ RoleArn: audit(DEV), RoleSessionName: 'second' }));
  assert.equal(second.AssumedRoleUser?.Arn, `arn:aws:sts::${DEV}:assumed-role/Audit/second`);
});

test('only trusted roles can be assumed, with their external id; every role when the seed lists none', async (t) => {
  const { sts } = await endpoint(t);
  const denied = (role: string, caller = `arn:aws:iam::123456789012:user/ccsql-test`) =>
    rejectsWith('AccessDenied', 403, `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`);
  const other = `arn:aws:iam::${DEV}:role/Admin`;
  await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: 's1' })), denied(other));
  await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: VENDOR, RoleSessionName: 's1' })), denied(VENDOR), 'missing external id');
  await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: VENDOR, RoleSessionName: 's1', ExternalId: 'wrong-1' })), denied(VENDOR));
  const vendor = await sts().send(new AssumeRoleCommand({ RoleArn: VENDOR, RoleSessionName: 's1', ExternalId: 'vendor-123' }));
  assert.equal(vendor.AssumedRoleUser?.Arn, `arn:aws:sts::${DEV}:assumed-role/Vendor/s1`);
  const asVendor = sts(fromSts(vendor.Credentials));
  await assert.rejects(asVendor.send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: 's2' })), denied(other, `arn:aws:sts::${DEV}:assumed-role/Vendor/s1`));

  const open = await startEmulator({ port: 0, seed: { resources: [] } });
  t.after(() => open.close());
  const anyRole = new STSClient({ endpoint: open.url, region: 'us-east-1', credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });
  const assumed = await anyRole.send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: 's1' }));
  assert.equal(assumed.AssumedRoleUser?.Arn, `arn:aws:sts::${DEV}:assumed-role/Admin/s1`);
});

test('issued keys expire by the service clock: ExpiredTokenException from Cloud Control, ExpiredToken from STS', async (t) => {
  const { emulator, clock, sts, cc, org } = await endpoint(t);
  const assumed = await sts().send(new AssumeRoleCommand({ RoleArn: audit(MGMT), RoleSessionName: 'short', DurationSeconds: 900 }));
  assert.equal(assumed.Credentials?.Expiration?.getTime(), T0 + 900_000);
  const creds = fromSts(assumed.Credentials);
  clock.now = T0 + 899_999;
  assert.equal((await sts(creds).send(new GetCallerIdentityCommand({}))).Account, MGMT);
  clock.now = T0 + 900_000;
  const expired = 'The security token included in the request is expired';
  await assert.rejects(cc(creds).send(new ListResourcesCommand({ TypeName: LOG_GROUP })), rejectsWith('ExpiredTokenException', 403, expired));
  await assert.rejects(sts(creds).send(new GetCallerIdentityCommand({})), rejectsWith('ExpiredToken', 403, expired));
  await assert.rejects(org(creds).send(new ListAccountsCommand({})), rejectsWith('ExpiredTokenException', 403, expired));
  assert.deepEqual(emulator.calls.slice(-3).map((c) => [c.op, c.error]), [
    ['ListResources', 'ExpiredTokenException'],
    ['GetCallerIdentity', 'ExpiredTokenException'],
    ['ListAccounts', 'ExpiredTokenException'],
  ]);
});

test('a suspended account cannot be assumed into, and its own keys are refused', async (t) => {
  const { sts, cc } = await endpoint(t);
  await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: audit(OLD), RoleSessionName: 'ccsql' })),
    rejectsWith('AccessDenied', 403, `User: arn:aws:iam::123456789012:user/ccsql-test is not authorized to perform: sts:AssumeRole on resource: ${audit(OLD)}`));
  const invalid = 'The security token included in the request is invalid.';
  await assert.rejects(cc(keyOf(OLD)).send(new ListResourcesCommand({ TypeName: LOG_GROUP })), rejectsWith('UnrecognizedClientException', 403, invalid));
  await assert.rejects(sts(keyOf(OLD)).send(new GetCallerIdentityCommand({})), rejectsWith('InvalidClientTokenId', 403, invalid));
});

test('a region the account has not enabled refuses its keys there, as an opt-in region does', async (t) => {
  const { sts, cc } = await endpoint(t);
  const eu = fromSts((await sts().send(new AssumeRoleCommand({ RoleArn: audit(EU), RoleSessionName: 'ccsql' }))).Credentials);
  const listed = await cc(eu, 'eu-west-1').send(new ListResourcesCommand({ TypeName: LOG_GROUP }));
  assert.deepEqual(listed.ResourceDescriptions?.map((d) => d.Identifier), ['eu-logs']);
  const invalid = 'The security token included in the request is invalid.';
  await assert.rejects(cc(eu, 'us-east-1').send(new ListResourcesCommand({ TypeName: LOG_GROUP })), rejectsWith('UnrecognizedClientException', 403, invalid));
  await assert.rejects(sts(eu, 'ap-east-1').send(new GetCallerIdentityCommand({})), rejectsWith('InvalidClientTokenId', 403, invalid));
  assert.equal((await sts(eu, 'eu-west-1').send(new GetCallerIdentityCommand({}))).Account, EU);
});

test('ListAccounts pages the seed accounts for the management account, through assumed credentials too', async (t) => {
  const { emulator, sts, org } = await endpoint(t);
  const mgmt = org(keyOf(MGMT));
  const first = await mgmt.send(new ListAccountsCommand({ MaxResults: 3 }));
  assert.deepEqual(first.Accounts?.map((a) => [a.Id, a.Name, a.Status, a.State, a.JoinedMethod]), [
    [MGMT, 'Management', 'ACTIVE', 'ACTIVE', 'INVITED'],
    [DEV, 'Dev', 'ACTIVE', 'ACTIVE', 'CREATED'],
    [OLD, 'Old', 'SUSPENDED', 'SUSPENDED', 'CREATED'],
  ]);
  const orgId = /^arn:aws:organizations::111111111111:account\/(o-[a-z0-9]{10})\/111111111111$/.exec(first.Accounts?.[0]?.Arn ?? '')?.[1];
  assert.ok(orgId, first.Accounts?.[0]?.Arn);
  assert.deepEqual([first.Accounts?.[0]?.Email, first.Accounts?.[0]?.JoinedTimestamp?.toISOString()], ['root@example.com', '2026-01-01T00:00:00.000Z']);
  assert.deepEqual([first.Accounts?.[1]?.Email, first.Accounts?.[1]?.JoinedTimestamp?.toISOString()], [`aws+${DEV}@example.com`, '2026-03-01T10:00:00.000Z']);
  const second = await mgmt.send(new ListAccountsCommand({ MaxResults: 3, NextToken: first.NextToken }));
  assert.deepEqual([second.Accounts?.map((a) => a.Id), second.NextToken], [[EU], undefined]);
  const all = await mgmt.send(new ListAccountsCommand({}));
  assert.deepEqual([all.Accounts?.length, all.NextToken], [4, undefined], 'up to 20 by default');

  await assert.rejects(mgmt.send(new ListAccountsCommand({ MaxResults: 21 })), rejectsWith('InvalidInputException', 400, undefined, 'MAX_VALUE_EXCEEDED'));
  await assert.rejects(mgmt.send(new ListAccountsCommand({ MaxResults: 0 })), rejectsWith('InvalidInputException', 400, undefined, 'MIN_VALUE_EXCEEDED'));
  await assert.rejects(mgmt.send(new ListAccountsCommand({ NextToken: 'bm9wZQ' })), rejectsWith('InvalidInputException', 400, undefined, 'INVALID_NEXT_TOKEN'));

  const viaRole = fromSts((await sts().send(new AssumeRoleCommand({ RoleArn: audit(MGMT), RoleSessionName: 'org' }))).Credentials);
  assert.equal((await org(viaRole).send(new ListAccountsCommand({}))).Accounts?.length, 4);
  const described = await org(keyOf(DEV)).send(new DescribeOrganizationCommand({}));
  assert.deepEqual([described.Organization?.Id, described.Organization?.MasterAccountId, described.Organization?.MasterAccountEmail], [orgId, MGMT, 'root@example.com']);
  assert.deepEqual(emulator.calls.filter((c) => c.op === 'ListAccounts').map((c) => [c.account, c.body.MaxResults, c.error]).slice(0, 2), [
    [MGMT, 3, undefined],
    [MGMT, 3, undefined],
  ]);
});

test('ListAccounts refuses members, callers outside any organisation, and callers over the rate limit', async (t) => {
  const { org } = await endpoint(t);
  await assert.rejects(org(keyOf(DEV)).send(new ListAccountsCommand({})), rejectsWith('AccessDeniedException', 403, "You don't have permissions to access this resource."));
  await assert.rejects(org(TEST_CREDENTIALS).send(new ListAccountsCommand({})), rejectsWith('AWSOrganizationsNotInUseException', 404, 'Your account is not a member of an organization.'));

  const delegated = await startEmulator({ port: 0, seed: { ...ORG, managementAccount: DEV, delegatedAdministrators: [EU] }, rateLimit: 1, clock: () => T0 });
  t.after(() => delegated.close());
  const client = (account: string, region: string) => new OrganizationsClient({ endpoint: delegated.url, region, credentials: keyOf(account), maxAttempts: 1 });
  assert.equal((await client(DEV, 'us-east-1').send(new ListAccountsCommand({}))).Accounts?.[1]?.JoinedMethod, 'INVITED', 'the management account named by the seed');
  assert.equal((await client(EU, 'eu-west-1').send(new ListAccountsCommand({}))).Accounts?.length, 4, 'a delegated administrator may list');
  await assert.rejects(client(MGMT, 'us-east-1').send(new ListAccountsCommand({})), rejectsWith('AccessDeniedException', 403));
  await assert.rejects(client(DEV, 'us-east-1').send(new ListAccountsCommand({})), rejectsWith('TooManyRequestsException', 429));
  assert.deepEqual(delegated.calls.map((c) => [c.account, c.error]), [
    [DEV, undefined],
    [EU, undefined],
    [MGMT, 'AccessDeniedException'],
    [DEV, 'TooManyRequestsException'],
  ]);
});
