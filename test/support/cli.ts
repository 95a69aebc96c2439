/** Helpers for tests that run the built `ccsql` command as a user would: spawned, against the emulator. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/ccsql.js', import.meta.url));
export const BUILT = existsSync(new URL('../../dist/cli-bundle/main.js', import.meta.url));
export const SKIP_UNBUILT = BUILT ? false : 'dist/ is not built: run npm run build (npm test does)';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment of a user with dummy keys and no AWS config of their own. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'AKIDCCSQLTEST',
    AWS_SECRET_ACCESS_KEY: 'ccsql-test-secret',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    // No user catalog of the machine's user: a run reads the bundled catalog unless a test says otherwise.
    XDG_CACHE_HOME: '/nonexistent-ccsql-cache',
    ...extra,
  };
}

/** Runs `node bin/ccsql.js …` asynchronously (the emulator lives in this process and must keep serving). */
export function runCli(args: readonly string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: cliEnv(options.env), cwd: options.cwd ?? ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

export const SEED = {
  resources: [
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'alpha', ImageRoleArn: 'arn:aws:iam::123456789012:role/r', ImageDisplayName: 'Alpha, "the first"' } },
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'beta', ImageRoleArn: 'arn:aws:iam::123456789012:role/r' } },
    { TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: 'alpha', BaseImage: 'repo/alpha:1' } },
    { TypeName: 'AWS::SageMaker::ImageVersion', Region: 'us-east-1', Properties: { ImageName: 'alpha', BaseImage: 'repo/alpha:2' } },
    { TypeName: 'AWS::S3::Bucket', Region: 'eu-west-1', Properties: { BucketName: 'eu-bucket' } },
  ],
};
