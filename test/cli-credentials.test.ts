/**
 * A newcomer with no AWS credentials at all: a local endpoint works with dummy keys (said once on
 * stderr); anything else fails naming the chain the SDK tried and how to fix it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isLoopback } from '../src/cloud/credentials.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { builtBin, ROOT, runNode, SEED, SKIP_UNBUILT, type RunResult } from './support/cli.js';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
});
after(() => emulator.close());

/** No keys, no config files, no instance metadata: nothing for the chain to find. */
function bare(args: string[]): Promise<RunResult> {
  const env = { PATH: process.env.PATH, HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
  return runNode([builtBin(), ...args], `ccsql ${args.join(' ')} (no credentials)`, { env, cwd: ROOT });
}

test('loopback endpoints are recognised', () => {
  for (const url of ['http://127.0.0.1:4566', 'http://localhost:1', 'http://[::1]:9', 'http://127.1.2.3']) assert.ok(isLoopback(url), url);
  for (const url of ['https://cloudcontrolapi.us-east-1.amazonaws.com', 'http://10.0.0.1:4566', 'http://localhost.example.com', 'not a url', undefined]) assert.ok(!isLoopback(url), String(url));
});

describe('no AWS credentials configured', { skip: SKIP_UNBUILT }, () => {
  test('a local endpoint gets dummy keys, said once on stderr', async () => {
    emulator.clearCalls();
    const run = await bare(['--endpoint-url', emulator.url, '-r', 'us-east-1', '-o', 'csv', 'SELECT image_name FROM awscc.sagemaker.images ORDER BY 1; SELECT 1 AS again']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'image_name\r\nalpha\r\nbeta\r\nagain\r\n1\r\n');
    assert.equal(run.stderr, `Warning: No AWS credentials found; signing requests to the local endpoint ${emulator.url} with dummy keys.\n`);
    assert.ok(emulator.calls.length > 0);
  });

  test('any other endpoint fails naming the chain tried and the fixes, before any call', async () => {
    const run = await bare(['--endpoint-url', 'http://192.0.2.1:4566', '-r', 'us-east-1', 'SELECT image_name FROM awscc.sagemaker.images']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: Reading awscc\.sagemaker\.images in us-east-1 failed: no AWS credentials were found: the AWS SDK's default chain tried environment variables .*~\/\.aws\/config.*instance roles\. Run aws configure or aws sso login, pass --profile NAME, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\.\n$/);
    assert.doesNotMatch(run.stderr, /AWS refused/);
  });
});
