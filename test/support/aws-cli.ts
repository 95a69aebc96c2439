/**
 * The AWS CLI as a second client of the emulator, with dummy credentials. Tests that use it skip
 * when no `aws` command is installed.
 */
import { execFile, execFileSync } from 'node:child_process';

export const hasAwsCli: boolean = (() => {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
})();

/** Runs `aws cloudcontrol <args> --endpoint-url url`; resolves with the parsed JSON output or rejects with stderr. */
export function awsCloudControl(url: string, args: string[], region = 'us-east-1'): Promise<Record<string, any>> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCCSQLTEST', AWS_SECRET_ACCESS_KEY: 'ccsql-test-secret', AWS_DEFAULT_REGION: region, AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard', AWS_PAGER: '' };
  return new Promise((resolve, reject) => {
    execFile('aws', ['cloudcontrol', ...args, '--endpoint-url', url, '--output', 'json'], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, any>));
    });
  });
}
