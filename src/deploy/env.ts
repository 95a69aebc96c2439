/**
 * The env values a stack's globals read (`{{ AWS_REGION }}`): lines of an env file (stackql-deploy's
 * `--env-file`, default `.env`, a missing default quietly none), then `-e KEY=VALUE`, which wins.
 * Read with the template vars reader ccsql's `--vars` uses; every value stays text.
 */
import { existsSync } from 'node:fs';
import { readVarsFile } from '../cli/template/vars.js';
import { CcsqlError } from '../index.js';

export function readEnv(envFile: string | undefined, pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  const file = envFile ?? '.env';
  if (envFile !== undefined && !existsSync(file)) throw new CcsqlError('DEPLOY_INPUT', `Env file ${file} (--env-file) does not exist; nothing was sent.`, { file });
  if (existsSync(file)) for (const [key, value] of Object.entries(readVarsFile(file))) env[key] = typeof value === 'string' ? value : JSON.stringify(value);
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CcsqlError('INVALID_ARGUMENT', `Option -e "${pair.replace(/=.*/, '=…')}" must look like KEY=VALUE.`);
    env[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return env;
}
