/**
 * `-r all` as a user runs it: the built command against the emulator, reading every region the
 * account has enabled (and no other), `WHERE region` narrowing it, and the forms that cannot mean
 * anything refused before any call.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';

const SOLO = '555555555555';
const MGMT = '111111111111';
const DEV = '222222222222';
const logs = (account: string, region: string, name: string) => ({ TypeName: 'AWS::Logs::LogGroup', Account: account, Region: region, Properties: { LogGroupName: name } });

let emulator: Emulator;

before(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      resources: [logs(SOLO, 'us-east-1', 'use1'), logs(SOLO, 'eu-west-1', 'euw1'), logs(SOLO, 'ap-east-1', 'ape1'), logs(SOLO, 'sa-east-1', 'off'), logs(MGMT, 'eu-west-1', 'mgmt-euw1'), logs(DEV, 'ap-south-2', 'dev-aps2')],
      accounts: [
        { Id: SOLO, Name: 'Solo', EnabledRegions: ['ap-east-1', 'eu-central-1', 'eu-west-1', 'us-east-1'] },
        { Id: MGMT, Name: 'Management', EnabledRegions: ['eu-west-1', 'us-east-1'] },
        { Id: DEV, Name: 'Dev', EnabledRegions: ['ap-south-2', 'us-east-1'] },
      ],
    },
  });
});
after(() => emulator.close());

const cli = (args: string[], account = SOLO, input?: string) =>
  runCli(['--endpoint-url', emulator.url, ...args], { env: { AWS_ACCESS_KEY_ID: account }, ...(input !== undefined ? { input } : {}) });

/** `Op account region` of each call since the last take, sorted. */
function take(): string[] {
  const calls = emulator.calls.map((c) => `${c.op} ${c.account} ${c.region}`).sort();
  emulator.clearCalls();
  return calls;
}

test('-r all reads each enabled region once and no other; -r \'*\' and WHERE region too', { skip: SKIP_UNBUILT }, async () => {
  const run = await cli(['-r', 'all', '-o', 'csv', 'SELECT region, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY region']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'region,log_group_name\r\nap-east-1,ape1\r\neu-west-1,euw1\r\nus-east-1,use1\r\n');
  assert.deepEqual(take(), [`ListRegions ${SOLO} us-east-1`, ...['ap-east-1', 'eu-central-1', 'eu-west-1', 'us-east-1'].map((r) => `ListResources ${SOLO} ${r}`)]);

  const narrowed = await cli(['-r', '*', '-o', 'csv', "SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'eu-west-1'"]);
  assert.equal(narrowed.stdout, 'log_group_name\r\neuw1\r\n');
  assert.deepEqual(take(), [`ListRegions ${SOLO} us-east-1`, `ListResources ${SOLO} eu-west-1`]);

  const off = await cli(['-r', 'all', "SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE region = 'sa-east-1'"]);
  assert.equal(off.code, 1);
  assert.match(off.stderr, /^Error: Region sa-east-1 is not enabled for the account of the default credentials, so ccsql does not call it \(the account has enabled ap-east-1, eu-central-1, eu-west-1, us-east-1\)/);
  assert.deepEqual(take(), [`ListRegions ${SOLO} us-east-1`]);
});

test('-r all with two accounts: each reads its own regions', { skip: SKIP_UNBUILT }, async () => {
  const run = await cli(['-r', 'all', '--role-arn', 'arn:aws:iam::{account}:role/Audit', '--accounts', `${MGMT},${DEV}`, '-o', 'csv', 'SELECT account_id, region, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY 1'], MGMT);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `account_id,region,log_group_name\r\n${MGMT},eu-west-1,mgmt-euw1\r\n${DEV},ap-south-2,dev-aps2\r\n`);
  assert.deepEqual(take().filter((c) => c.startsWith('List')), [
    `ListRegions ${MGMT} us-east-1`,
    `ListRegions ${DEV} us-east-1`,
    `ListResources ${MGMT} eu-west-1`,
    `ListResources ${MGMT} us-east-1`,
    `ListResources ${DEV} ap-south-2`,
    `ListResources ${DEV} us-east-1`,
  ]);
});

test('a typo near all is refused before any call, suggesting all; all with a named region says which to keep', { skip: SKIP_UNBUILT }, async () => {
  const typo = await cli(['-r', 'al', 'SELECT * FROM awscc.logs.log_groups_list_only']);
  assert.equal(typo.code, 1);
  assert.equal(typo.stderr, "Error: AWS has no region 'al'. Did you mean 'all' (every region the account has enabled)?\n");
  const mixed = await cli(['-r', 'all', '-r', 'us-east-1', 'SELECT * FROM awscc.logs.log_groups_list_only']);
  assert.equal(mixed.code, 1);
  assert.equal(mixed.stderr, 'Error: -r all reads every region each account has enabled, so it cannot be given with us-east-1: keep -r all alone, or name only the regions to read (-r us-east-1).\n');
  assert.deepEqual(take(), []);
});
