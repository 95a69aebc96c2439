/**
 * The AWS CLI as a second client of the emulator, with dummy credentials. Tests that use it skip
 * when no `aws` command is installed, except in CI, where they fail naming it (prerequisites.ts).
 */
import { execFile } from 'node:child_process';
import { CHILD_DEADLINE_MS } from './child.js';
import { AWS_CLI } from './prerequisites.js';

/** For the `skip` option of a test that runs the AWS CLI. */
export const SKIP_WITHOUT_AWS_CLI = AWS_CLI.skip;

/** Runs `aws cloudcontrol <args> --endpoint-url url`; resolves with the parsed JSON output or rejects with stderr. */
export function awsCloudControl(url: string, args: string[], region = 'us-east-1'): Promise<Record<string, any>> {
  AWS_CLI.need();
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCCSQLTEST', AWS_SECRET_ACCESS_KEY: 'ccsql-test-secret', AWS_DEFAULT_REGION: region, AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard', AWS_PAGER: '' };
  return new Promise((resolve, reject) => {
    execFile('aws', ['cloudcontrol', ...args, '--endpoint-url', url, '--output', 'json'], { env, timeout: CHILD_DEADLINE_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error?.killed) reject(new Error(`Timed out after ${CHILD_DEADLINE_MS / 1000} s waiting for \`aws cloudcontrol ${args.join(' ')}\` to finish.`));
      else if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, any>));
    });
  });
}
