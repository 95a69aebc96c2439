/**
 * An organisation as one set of tables: account_id beside region in every table, pushed down like
 * region; each account reached by its own assumed role (cached per account), listed by AWS
 * Organizations or named by --accounts; an account that cannot be read leaves out its rows with one
 * warning (or fails the statement under strict); writes act in their row's account. Everything runs
 * through the real SDK clients (Cloud Control, STS, Organizations) against the emulator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CcsqlWarning } from '../src/index.js';
import type { SeedDocument } from '../src/emulator/index.js';
import { session } from './support/session.js';

const MGMT = '111111111111';
const DEV = '222222222222';
const OLD = '333333333333';
const EU = '444444444444';
const ROLE = 'arn:aws:iam::{account}:role/Audit';
const audit = (account: string) => ROLE.replace('{account}', account);
const LOG_GROUP = 'AWS::Logs::LogGroup';
const BUCKET = 'AWS::S3::Bucket';

const ORG: SeedDocument = {
  resources: [
    { TypeName: LOG_GROUP, Account: MGMT, Properties: { LogGroupName: 'mgmt-logs' } },
    { TypeName: LOG_GROUP, Account: DEV, Properties: { LogGroupName: 'dev-logs' } },
    { TypeName: LOG_GROUP, Account: DEV, Region: 'eu-west-1', Properties: { LogGroupName: 'dev-eu-logs' } },
    { TypeName: LOG_GROUP, Account: EU, Region: 'eu-west-1', Properties: { LogGroupName: 'eu-logs' } },
    { TypeName: BUCKET, Account: MGMT, Properties: { BucketName: 'mgmt-bucket' } },
    { TypeName: BUCKET, Account: DEV, Region: 'eu-west-1', Properties: { BucketName: 'dev-bucket' } },
  ],
  accounts: [
    { Id: MGMT, Name: 'Management' },
    { Id: DEV, Name: 'Dev' },
    { Id: OLD, Name: 'Old', Status: 'SUSPENDED' },
    { Id: EU, Name: 'EU only', EnabledRegions: ['eu-west-1'] },
  ],
  trustedRoles: [audit(MGMT), audit(DEV), audit(OLD), audit(EU)],
};

/** The management account's own keys (the emulator takes a 12-digit key id as the account). */
const MGMT_KEYS = { accessKeyId: MGMT, secretAccessKey: 'x' };

async function org(t: { after: (fn: () => Promise<void>) => void }, options: Record<string, unknown> = {}, seed: SeedDocument = ORG) {
  const warnings: CcsqlWarning[] = [];
  const s = await session(seed, { credentials: { ...MGMT_KEYS }, roleArn: ROLE, onWarning: (w) => warnings.push(w), ...options });
  t.after(() => s.close());
  /** `Op account region` of each call since the last take, sorted (the accounts run side by side). */
  const take = () => {
    const calls = s.emulator.calls.map((c) => `${c.op} ${c.account} ${c.region}${c.error ? ` ${c.error}` : ''}`).sort();
    s.emulator.clearCalls();
    return calls;
  };
  return { ...s, warnings, take };
}

test('--accounts: each account through its own role, account_id on every row, one AssumeRole per account', async (t) => {
  const s = await org(t, { accounts: [MGMT, DEV], regions: ['us-east-1', 'eu-west-1'] });
  const rows = await s.db.query('SELECT account_id, region, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY account_id, region');
  assert.deepEqual(rows, [
    { account_id: MGMT, region: 'us-east-1', log_group_name: 'mgmt-logs' },
    { account_id: DEV, region: 'eu-west-1', log_group_name: 'dev-eu-logs' },
    { account_id: DEV, region: 'us-east-1', log_group_name: 'dev-logs' },
  ]);
  // The role is assumed once per account, however many regions its clients call.
  assert.deepEqual(s.take(), [
    `AssumeRole ${MGMT} us-east-1`,
    `AssumeRole ${MGMT} us-east-1`,
    `ListResources ${MGMT} eu-west-1`,
    `ListResources ${MGMT} us-east-1`,
    `ListResources ${DEV} eu-west-1`,
    `ListResources ${DEV} us-east-1`,
  ]);
  // Cached: the next statement assumes nothing again.
  await s.db.query('SELECT count(*) AS n FROM awscc.logs.log_groups_list_only');
  assert.ok(s.take().every((c) => c.startsWith('ListResources')));
  assert.deepEqual(s.warnings, []);
});

test('account_id is pushed down like region: = and IN read only those accounts, a join on it too', async (t) => {
  const s = await org(t, { accounts: [MGMT, DEV] });
  assert.deepEqual(await s.db.query(`SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only WHERE account_id = '${DEV}'`), [{ account_id: DEV, log_group_name: 'dev-logs' }]);
  assert.deepEqual(s.take(), [`AssumeRole ${MGMT} us-east-1`, `ListResources ${DEV} us-east-1`]);
  await s.db.execute(`CREATE TABLE wanted (id TEXT)`);
  await s.db.execute(`INSERT INTO wanted VALUES ('${MGMT}')`);
  const joined = await s.db.query('SELECT g.account_id, g.log_group_name FROM wanted w JOIN awscc.logs.log_groups_list_only g ON g.account_id = w.id');
  assert.deepEqual(joined, [{ account_id: MGMT, log_group_name: 'mgmt-logs' }]);
  assert.deepEqual(s.take(), [`AssumeRole ${MGMT} us-east-1`, `ListResources ${MGMT} us-east-1`]);
});

test('--org: the organisation is listed once; a suspended account and a region not enabled are skipped with one warning each', async (t) => {
  const s = await org(t, { org: true });
  const rows = await s.db.query('SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY account_id');
  assert.deepEqual(rows, [
    { account_id: MGMT, log_group_name: 'mgmt-logs' },
    { account_id: DEV, log_group_name: 'dev-logs' },
  ]);
  const calls = s.take();
  assert.equal(calls.filter((c) => c.startsWith('ListAccounts')).length, 1);
  // The suspended account is never called; the EU-only account's us-east-1 answers as AWS does.
  assert.ok(!calls.some((c) => c.includes(OLD)));
  assert.ok(calls.some((c) => c.startsWith('ListResources') && c.endsWith('UnrecognizedClientException')));
  assert.deepEqual(
    s.warnings.map((w) => [w.code, w.account, w.regions]),
    [
      ['ACCOUNT_SKIPPED', OLD, undefined],
      ['ACCOUNT_SKIPPED', EU, ['us-east-1']],
    ],
  );
  assert.match(s.warnings[1]!.message, /^Account 444444444444 was skipped in us-east-1, so its rows are missing: .*UnrecognizedClientException/);
  // Scripts read them as a table.
  const logged = await s.db.query('SELECT statement, code, account_id, regions FROM ccsql_warnings ORDER BY id');
  assert.deepEqual(logged, [
    { statement: 1, code: 'ACCOUNT_SKIPPED', account_id: OLD, regions: null },
    { statement: 1, code: 'ACCOUNT_SKIPPED', account_id: EU, regions: 'us-east-1' },
  ]);
  // A second statement lists the organisation no more.
  await s.db.query('SELECT count(*) FROM awscc.logs.log_groups_list_only');
  assert.ok(!s.take().some((c) => c.startsWith('ListAccounts')));
});

test('a role the account does not trust leaves that account out with a warning; strict makes it the error', async (t) => {
  const seed = { ...ORG, trustedRoles: [audit(MGMT)] };
  const s = await org(t, { accounts: [MGMT, DEV] }, seed);
  const result = await s.db.execute('SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only');
  assert.deepEqual(result.rows, [{ account_id: MGMT, log_group_name: 'mgmt-logs' }]);
  assert.deepEqual(result.warnings?.map((w) => [w.code, w.account]), [['ACCOUNT_SKIPPED', DEV]]);
  assert.match(result.warnings![0]!.message, /Account 222222222222 was skipped in us-east-1, so its rows are missing: .*AccessDenied.*sts:AssumeRole/);

  const strict = await org(t, { accounts: [MGMT, DEV], strict: true }, seed);
  await assert.rejects(strict.db.query('SELECT log_group_name FROM awscc.logs.log_groups_list_only'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ACCESS_DENIED');
    assert.match(e.message, /^Account 222222222222: Reading awscc.logs.log_groups in us-east-1 needs role arn:aws:iam::222222222222:role\/Audit, which could not be assumed: AccessDenied: .*sts:AssumeRole/);
    return true;
  });
});

test('global types are read once per account, each row in its own region', async (t) => {
  const s = await org(t, { accounts: [MGMT, DEV], regions: ['us-east-1', 'eu-west-1'] });
  const rows = await s.db.query('SELECT account_id, region, bucket_name FROM awscc.s3.buckets_list_only ORDER BY account_id');
  assert.deepEqual(rows, [
    { account_id: MGMT, region: 'us-east-1', bucket_name: 'mgmt-bucket' },
    { account_id: DEV, region: 'eu-west-1', bucket_name: 'dev-bucket' },
  ]);
  const listings = s.take().filter((c) => c.startsWith('ListResources'));
  assert.deepEqual(listings, [`ListResources ${MGMT} us-east-1`, `ListResources ${DEV} us-east-1`]);
});

test('writes name their account: INSERT needs account_id when several are set, UPDATE and DELETE act in the row\'s own', async (t) => {
  const s = await org(t, { accounts: [DEV, MGMT] });
  await assert.rejects(s.db.execute("INSERT INTO awscc.logs.log_groups (log_group_name) VALUES ('new')"), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'INVALID_VALUE');
    // The example names a configured account: the first.
    assert.match(e.message, /account_id.*several accounts are configured.*VALUES \('222222222222', …\)/);
    return true;
  });
  await assert.rejects(s.db.execute(`INSERT INTO awscc.logs.log_groups (account_id, log_group_name) VALUES ('${OLD}', 'new')`), (e: Error & { code?: string }) => e.code === 'ACCOUNT_NOT_CONFIGURED' && /Nothing was sent/.test(e.message));
  assert.deepEqual(s.take(), [], 'nothing was sent');

  await s.db.execute(`INSERT INTO awscc.logs.log_groups (account_id, log_group_name) VALUES ('${DEV}', 'new')`);
  const created = s.take().filter((c) => c.startsWith('CreateResource'));
  assert.deepEqual(created, [`CreateResource ${DEV} us-east-1`]);

  await s.db.execute(`UPDATE awscc.logs.log_groups SET retention_in_days = 7 WHERE log_group_name = 'new' AND account_id = '${DEV}'`);
  assert.deepEqual(s.take().filter((c) => /Resource /.test(c) && !c.startsWith('GetResource')), [`UpdateResource ${DEV} us-east-1`]);
  await assert.rejects(s.db.execute(`UPDATE awscc.logs.log_groups SET account_id = '${MGMT}' WHERE log_group_name = 'new' AND account_id = '${DEV}'`), /a resource stays in its account/);
  s.take();

  await s.db.execute(`DELETE FROM awscc.logs.log_groups WHERE log_group_name = 'new' AND account_id = '${DEV}'`);
  assert.deepEqual(s.take().filter((c) => c.startsWith('DeleteResource')), [`DeleteResource ${DEV} us-east-1`]);
  const journal = await s.db.query('SELECT operation, account_id, status FROM ccsql_requests ORDER BY id');
  assert.deepEqual(journal, [
    { operation: 'CREATE', account_id: DEV, status: 'SUCCESS' },
    { operation: 'UPDATE', account_id: DEV, status: 'SUCCESS' },
    { operation: 'DELETE', account_id: DEV, status: 'SUCCESS' },
  ]);
});

test('one account needs no configuration: account_id is asked of STS once, only when read', async (t) => {
  const s = await session({ resources: ORG.resources.filter((r) => r.Account === MGMT) }, { credentials: { ...MGMT_KEYS } });
  t.after(() => s.close());
  await s.db.query('SELECT log_group_name FROM awscc.logs.log_groups_list_only');
  assert.deepEqual(s.emulator.calls.map((c) => c.op), ['ListResources']);
  s.emulator.clearCalls();
  assert.deepEqual(await s.db.query('SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only'), [{ account_id: MGMT, log_group_name: 'mgmt-logs' }]);
  assert.deepEqual(s.emulator.calls.map((c) => c.op).sort(), ['GetCallerIdentity', 'ListResources']);
  s.emulator.clearCalls();
  assert.deepEqual(await s.db.query(`SELECT log_group_name FROM awscc.logs.log_groups_list_only WHERE account_id = '${DEV}'`), []);
  assert.deepEqual(s.emulator.calls.map((c) => c.op), [], 'the id is known: another account has no rows, and nothing is called');
});

test('account options that cannot mean anything are refused before any call', async () => {
  const { open } = await import('../src/index.js');
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ roleArn: ROLE }, /needs the accounts to assume it in/],
    [{ accounts: [DEV] }, /--accounts needs --role-arn/],
    [{ roleArn: ROLE, accounts: ['12345'] }, /not an AWS account id/],
    [{ roleArn: 'arn:aws:iam::111111111111:user/x', accounts: [DEV] }, /is not an IAM role ARN/],
    [{ roleArn: audit(DEV), accounts: [DEV] }, /names one account/],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(open({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', ...options }), (e: Error & { code?: string }) => e.code === 'INVALID_ARGUMENT' && message.test(e.message));
  }
});

test('the generic tables read every account too: who each account\'s role is', async (t) => {
  const s = await org(t, { accounts: [MGMT, DEV] });
  const rows = await s.db.query('SELECT account_id, account, arn FROM awscc.sts.caller_identity ORDER BY account_id');
  assert.deepEqual(rows, [
    { account_id: MGMT, account: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/Audit/ccsql` },
    { account_id: DEV, account: DEV, arn: `arn:aws:sts::${DEV}:assumed-role/Audit/ccsql` },
  ]);
  // One GetCallerIdentity per account answers both the row and its account_id.
  assert.deepEqual(s.take().filter((c) => c.startsWith('GetCallerIdentity')), [`GetCallerIdentity ${MGMT} us-east-1`, `GetCallerIdentity ${DEV} us-east-1`]);
});
