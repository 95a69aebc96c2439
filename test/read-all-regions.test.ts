/**
 * `-r all` (`open({ regions: 'all' })`): each account reads the regions it has enabled, asked of
 * AWS Account Management's ListRegions once per account and session, through the real
 * @aws-sdk/client-account against the emulator; a region the account has not enabled is never
 * called, `WHERE region` still narrows the scan, and a region it names that the account has not
 * enabled fails as a refused account-region does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { open as openDatabase, type CcsqlError, type CcsqlWarning } from '../src/index.js';
import type { SeedDocument } from '../src/emulator/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { session } from './support/session.js';

const SOLO = '555555555555';
const MGMT = '111111111111';
const DEV = '222222222222';
const ROLE = 'arn:aws:iam::{account}:role/Audit';
const LOG_GROUP = 'AWS::Logs::LogGroup';
/** Four regions, one of them opt-in (ap-east-1); resources in three. */
const FOUR = ['ap-east-1', 'eu-central-1', 'eu-west-1', 'us-east-1'];
const logs = (account: string, region: string, name: string) => ({ TypeName: LOG_GROUP, Account: account, Region: region, Properties: { LogGroupName: name } });

const SOLO_SEED: SeedDocument = {
  resources: [logs(SOLO, 'us-east-1', 'use1'), logs(SOLO, 'eu-west-1', 'euw1'), logs(SOLO, 'ap-east-1', 'ape1'), logs(SOLO, 'sa-east-1', 'not-enabled')],
  accounts: [{ Id: SOLO, Name: 'Solo', EnabledRegions: FOUR }],
};

const ORG_SEED: SeedDocument = {
  resources: [logs(MGMT, 'us-east-1', 'mgmt-use1'), logs(MGMT, 'eu-west-1', 'mgmt-euw1'), logs(DEV, 'us-east-1', 'dev-use1'), logs(DEV, 'ap-south-2', 'dev-aps2'), logs(DEV, 'eu-west-1', 'dev-euw1-disabled')],
  accounts: [
    { Id: MGMT, Name: 'Management', EnabledRegions: ['eu-west-1', 'us-east-1'] },
    { Id: DEV, Name: 'Dev', EnabledRegions: ['ap-south-2', 'us-east-1'] },
  ],
};

async function open(t: { after: (fn: () => Promise<void>) => void }, seed: SeedDocument, options: Record<string, unknown>) {
  const warnings: CcsqlWarning[] = [];
  const s = await session(seed, { region: undefined, onWarning: (w) => warnings.push(w), ...options });
  t.after(() => s.close());
  /** `Op account region` of each call since the last take, sorted (regions run side by side). */
  const take = () => {
    const calls = s.emulator.calls.map((c) => `${c.op} ${c.account} ${c.region}${c.error ? ` ${c.error}` : ''}`).sort();
    s.emulator.clearCalls();
    return calls;
  };
  return { ...s, warnings, take };
}

const SOLO_KEYS = { credentials: { accessKeyId: SOLO, secretAccessKey: 'x' } };

test('regions all: one listing per enabled region, none elsewhere, the regions asked of AWS once per session', async (t) => {
  const s = await open(t, SOLO_SEED, { regions: 'all', ...SOLO_KEYS });
  assert.deepEqual(s.db.regions, ['all']);
  const rows = await s.db.query('SELECT region, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY region');
  assert.deepEqual(rows, [
    { region: 'ap-east-1', log_group_name: 'ape1' },
    { region: 'eu-west-1', log_group_name: 'euw1' },
    { region: 'us-east-1', log_group_name: 'use1' },
  ]);
  // ListRegions goes to the global endpoint (signed for the home region); sa-east-1 is never called.
  assert.deepEqual(s.take(), [`ListRegions ${SOLO} us-east-1`, ...FOUR.map((r) => `ListResources ${SOLO} ${r}`)]);
  assert.equal(s.db.regionsRead, 4);
  await s.db.query('SELECT count(*) AS n FROM awscc.logs.log_groups_list_only');
  assert.deepEqual(s.take(), FOUR.map((r) => `ListResources ${SOLO} ${r}`));
  assert.deepEqual(s.warnings, []);
});

test('regions all: WHERE region narrows the scan; a region the account has not enabled is an error, and never called', async (t) => {
  const s = await open(t, SOLO_SEED, { regions: ['*'], ...SOLO_KEYS });
  assert.deepEqual(await s.db.query("SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'eu-west-1'"), [{ log_group_name: 'euw1' }]);
  assert.deepEqual(s.take(), [`ListRegions ${SOLO} us-east-1`, `ListResources ${SOLO} eu-west-1`]);
  assert.equal(s.db.regionsRead, 1);
  await assert.rejects(s.db.query("SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'sa-east-1'"), (e: CcsqlError) => {
    assert.equal(e.code, 'REGION_NOT_ENABLED');
    assert.deepEqual(e.details, { region: 'sa-east-1', account: 'the default credentials' });
    assert.equal(e.message, "Region sa-east-1 is not enabled for the account of the default credentials, so ccsql does not call it (the account has enabled ap-east-1, eu-central-1, eu-west-1, us-east-1): enable it in the account's settings, or read one of those.");
    return true;
  });
  assert.deepEqual(s.take(), []);
});

test('regions all with two accounts: each reads its own enabled regions; a region one has not enabled skips it with a warning', async (t) => {
  const s = await open(t, ORG_SEED, { regions: 'all', credentials: { accessKeyId: MGMT, secretAccessKey: 'x' }, roleArn: ROLE, accounts: [MGMT, DEV] });
  const rows = await s.db.query('SELECT account_id, region, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY account_id, region');
  assert.deepEqual(rows, [
    { account_id: MGMT, region: 'eu-west-1', log_group_name: 'mgmt-euw1' },
    { account_id: MGMT, region: 'us-east-1', log_group_name: 'mgmt-use1' },
    { account_id: DEV, region: 'ap-south-2', log_group_name: 'dev-aps2' },
    { account_id: DEV, region: 'us-east-1', log_group_name: 'dev-use1' },
  ]);
  assert.deepEqual(s.take(), [
    `AssumeRole ${MGMT} us-east-1`,
    `AssumeRole ${MGMT} us-east-1`,
    `ListRegions ${MGMT} us-east-1`,
    `ListRegions ${DEV} us-east-1`,
    `ListResources ${MGMT} eu-west-1`,
    `ListResources ${MGMT} us-east-1`,
    `ListResources ${DEV} ap-south-2`,
    `ListResources ${DEV} us-east-1`,
  ]);
  assert.equal(s.db.regionsRead, 3);

  const eu = await s.db.execute("SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'eu-west-1'");
  assert.deepEqual(eu.rows, [{ account_id: MGMT, log_group_name: 'mgmt-euw1' }]);
  assert.deepEqual(s.take(), [`ListResources ${MGMT} eu-west-1`]);
  assert.deepEqual(eu.warnings?.map((w) => [w.code, w.account, w.regions]), [['ACCOUNT_SKIPPED', DEV, ['eu-west-1']]]);
  assert.match(eu.warnings![0]!.message, /^Account 222222222222 was skipped in eu-west-1, so its rows are missing: Region eu-west-1 is not enabled for account 222222222222/);
});

test('regions all, strict: a region one account has not enabled fails the statement, naming the account', async (t) => {
  const s = await open(t, ORG_SEED, { regions: 'all', strict: true, credentials: { accessKeyId: MGMT, secretAccessKey: 'x' }, roleArn: ROLE, accounts: [MGMT, DEV] });
  await assert.rejects(s.db.query("SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'ap-south-2'"), (e: CcsqlError) => e.code === 'REGION_NOT_ENABLED' && e.details.account === MGMT);
  assert.ok(!s.take().some((c) => c.startsWith('ListResources')));
});

test('a name near all is refused before any call suggesting all; all beside a named region says which to keep', async (t) => {
  const s = await open(t, SOLO_SEED, { regions: ['al'], ...SOLO_KEYS });
  await assert.rejects(s.db.query('SELECT * FROM awscc.logs.log_groups_list_only'), (e: CcsqlError) => {
    assert.equal(e.code, 'UNKNOWN_REGION');
    assert.equal(e.details.nearest, 'all');
    assert.equal(e.message, "AWS has no region 'al'. Did you mean 'all' (every region the account has enabled)?");
    return true;
  });
  assert.deepEqual(s.take(), []);
  // The shell's `.region all` sets it on an open database.
  s.db.regions = ['all'];
  assert.equal((await s.db.query('SELECT count(*) AS n FROM awscc.logs.log_groups_list_only'))[0]!.n, 3);
  assert.throws(() => (s.db.regions = ['all', 'us-east-1']), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT' && /keep -r all alone, or name only the regions to read \(-r us-east-1\)/.test(e.message));
  assert.deepEqual(s.db.regions, ['all']);
  await assert.rejects(openDatabase({ regions: ['us-east-1', '*'] }), (e: CcsqlError) => e.code === 'INVALID_ARGUMENT' && e.message.startsWith('-r * reads every region each account has enabled, so it cannot be given with us-east-1:'));
});

test('regions all: an INSERT must name its region', async (t) => {
  const s = await open(t, SOLO_SEED, { regions: 'all', ...SOLO_KEYS });
  await assert.rejects(s.db.execute("INSERT INTO awscc.logs.log_groups (log_group_name) VALUES ('new')"), (e: CcsqlError) => e.code === 'INVALID_VALUE' && e.message.startsWith('Column "region" of awscc.logs.log_groups is needed: -r all reads every region each account has enabled'));
  assert.ok(!s.take().some((c) => c.startsWith('CreateResource')));
});

test('the emulator answers ListRegions through the real SDK: the seed\'s regions, or those enabled by default', async (t) => {
  const emulator = await startEmulator({ port: 0, seed: { resources: [], accounts: [{ Id: MGMT, Name: 'm' }, { Id: DEV, Name: 'd', EnabledRegions: ['us-east-1', 'ap-east-1'] }] } });
  // Clients are destroyed before the emulator closes (its close waits for their kept-alive sockets).
  const made: { destroy(): void }[] = [];
  t.after(async () => {
    for (const client of made) client.destroy();
    await emulator.close();
  });
  const client = (account: string) => new AccountClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: account, secretAccessKey: 'x' }, maxAttempts: 1 });
  const regions = async (account: string, input: ConstructorParameters<typeof ListRegionsCommand>[0] = {}) => {
    const c = client(account);
    try {
      return (await c.send(new ListRegionsCommand(input))).Regions?.map((r) => `${r.RegionName} ${r.RegionOptStatus}`);
    } finally {
      c.destroy();
    }
  };
  const enabled = { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] as never };
  // Omitted EnabledRegions: those AWS enables in a new account (seventeen), none opt-in.
  const byDefault = await regions(MGMT, enabled);
  assert.equal(byDefault?.length, 17);
  assert.ok(byDefault?.every((r) => r.endsWith(' ENABLED_BY_DEFAULT')));
  assert.ok(byDefault?.includes('us-east-1 ENABLED_BY_DEFAULT') && !byDefault.some((r) => r.startsWith('ap-east-1')));
  assert.deepEqual(await regions(DEV, enabled), ['ap-east-1 ENABLED', 'us-east-1 ENABLED_BY_DEFAULT']);
  assert.ok((await regions(DEV))?.includes('eu-west-1 DISABLED'));
  // Pages of MaxResults, a member named by the management account, and the refusals AWS gives.
  const c = client(MGMT);
  const cc = (region: string) => new CloudControlClient({ region, endpoint: emulator.url, credentials: { accessKeyId: MGMT, secretAccessKey: 'x' }, maxAttempts: 1 });
  const [home, optIn] = [cc('eu-north-1'), cc('ap-east-1')];
  made.push(c, home, optIn);
  const first = await c.send(new ListRegionsCommand({ MaxResults: 1, AccountId: DEV, ...enabled }));
  assert.deepEqual(first.Regions?.map((r) => r.RegionName), ['ap-east-1']);
  const second = await c.send(new ListRegionsCommand({ MaxResults: 1, AccountId: DEV, NextToken: first.NextToken, ...enabled }));
  assert.deepEqual([second.Regions?.map((r) => r.RegionName), second.NextToken], [['us-east-1'], undefined]);
  await assert.rejects(regions(DEV, { AccountId: MGMT }), (e: { name: string; $metadata: { httpStatusCode?: number } }) => e.name === 'AccessDeniedException' && e.$metadata.httpStatusCode === 403);
  await assert.rejects(regions(MGMT, { MaxResults: 51 }), { name: 'ValidationException' });
  // The regions it answers are those the account can call: an opt-in region it has not enabled is refused.
  assert.deepEqual((await home.send(new ListResourcesCommand({ TypeName: 'AWS::Logs::LogGroup' }))).ResourceDescriptions, []);
  await assert.rejects(optIn.send(new ListResourcesCommand({ TypeName: 'AWS::Logs::LogGroup' })), { name: 'UnrecognizedClientException' });
  await assert.rejects(regions(MGMT, { RegionOptStatusContains: ['ON' as never] }), { name: 'ValidationException' });
});
