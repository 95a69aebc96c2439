/** Helpers for tests that run the built `ccsql` command as a user would: spawned, against the emulator. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHILD_DEADLINE_MS } from './child.js';
import { BUILT } from './prerequisites.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/ccsql.js', import.meta.url));
/** For the `skip` option of the tests that run the command: false when built from this source, and in CI. */
export const SKIP_UNBUILT = BUILT.skip;

/** bin/ccsql.js, once the test knows dist/ is built from this source (it fails, naming the bundle, if not). */
export function builtBin(): string {
  BUILT.need();
  return BIN;
}

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

/**
 * Runs `node bin/ccsql.js …` asynchronously (the emulator lives in this process and must keep
 * serving); a run still going at the deadline is killed and fails its test, naming the command.
 */
export function runCli(args: readonly string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  return runNode([builtBin(), ...args], `ccsql ${args.join(' ')}`, { env: cliEnv(options.env), cwd: options.cwd ?? ROOT, ...(options.input !== undefined ? { input: options.input } : {}) });
}

/** Runs `node <args>` to its end; rejects, naming `what`, when it is killed at the deadline. */
export function runNode(args: readonly string[], what: string, options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { env: options.env, cwd: options.cwd, maxBuffer: 16 * 1024 * 1024, timeout: CHILD_DEADLINE_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error?.killed) return reject(new Error(`Timed out after ${CHILD_DEADLINE_MS / 1000} s waiting for \`${what}\` to finish; its stderr: ${stderr.trim() || '(empty)'}`));
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
