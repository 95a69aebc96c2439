/**
 * The README's organisation example, run as a user runs it: the built command against --demo, whose
 * estate is a small organisation (a suspended account among them), and the account options' errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator } from '../src/emulator/index.js';
import { runCli, SKIP_UNBUILT } from './support/cli.js';

const ROLE = "arn:aws:iam::{account}:role/ccsql-audit";
const UNENCRYPTED = 'SELECT account_id, region, bucket_name FROM awscc.s3.buckets WHERE bucket_encryption IS NULL';

test('every bucket without default encryption across the organisation, a suspended account said once', { skip: SKIP_UNBUILT }, async () => {
  const run = await runCli(['--demo', '--org', '--role-arn', ROLE, '-o', 'csv', `${UNENCRYPTED} ORDER BY account_id`]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'account_id,region,bucket_name\r\n123456789012,eu-west-1,acme-imagebuilder-logs-eu\r\n210987654321,us-east-1,acme-analytics-scratch\r\n');
  assert.equal(run.stderr, 'Warning: Account 345678901234 was skipped: the organisation lists it as SUSPENDED.\n');
});

test('account_id reaches an account --accounts did not list through the role; options that cannot mean anything are refused', { skip: SKIP_UNBUILT }, async () => {
  const script = `SELECT count(*) AS n FROM awscc.s3.buckets_list_only WHERE account_id = '999999999999';\nSELECT count(*) AS n FROM ccsql_warnings;`;
  const run = await runCli(['--demo', '--accounts', '123456789012,210987654321', '--role-arn', ROLE, '-o', 'ndjson'], { input: script });
  assert.equal(run.code, 0, run.stderr);
  // With a role template, any account is reachable; the demo trusts every role, so 999… is simply empty.
  assert.deepEqual(run.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ n: 0 }, { n: 0 }]);

  const bad = await runCli(['--demo', '--org', 'SELECT 1']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, "Error: --org needs --role-arn, the role to assume in each account, e.g. --role-arn 'arn:aws:iam::{account}:role/Audit'.\n");
});

test('--profile twice: each profile\'s account side by side, its id asked of STS once', { skip: SKIP_UNBUILT }, async (t) => {
  const emulator = await startEmulator({
    port: 0,
    seed: {
      resources: [
        { TypeName: 'AWS::Logs::LogGroup', Account: '111111111111', Properties: { LogGroupName: 'from-dev' } },
        { TypeName: 'AWS::Logs::LogGroup', Account: '222222222222', Properties: { LogGroupName: 'from-prod' } },
      ],
    },
  });
  t.after(() => emulator.close());
  // The emulator takes a 12-digit access key id as the account: each profile is one account.
  const dir = mkdtempSync(join(tmpdir(), 'ccsql-profiles-'));
  writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = 111111111111\naws_secret_access_key = x\n\n[prod]\naws_access_key_id = 222222222222\naws_secret_access_key = y\n');
  const env = { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
  const run = await runCli(['--endpoint-url', emulator.url, '-r', 'us-east-1', '--profile', 'dev', '--profile', 'prod', '-o', 'csv', 'SELECT account_id, log_group_name FROM awscc.logs.log_groups_list_only ORDER BY 1'], { env });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'account_id,log_group_name\r\n111111111111,from-dev\r\n222222222222,from-prod\r\n');
  assert.deepEqual(emulator.calls.map((c) => `${c.op} ${c.account}`).sort(), ['GetCallerIdentity 111111111111', 'GetCallerIdentity 222222222222', 'ListResources 111111111111', 'ListResources 222222222222']);
});
