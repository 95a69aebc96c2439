/** The two ways a deploy fails for a user to read: its input (file and line), or a resource's state. */
import { CcsqlError } from '../index.js';

export function deployInput(file: string, line: number | undefined, what: string): CcsqlError {
  const where = line === undefined ? file : `${file} line ${line}`;
  return new CcsqlError('DEPLOY_INPUT', `${where} ${what}; nothing was sent.`, { file, ...(line === undefined ? {} : { line }) });
}

export function deployFailed(resource: string, what: string): CcsqlError {
  return new CcsqlError('DEPLOY_FAILED', `Resource ${resource}: ${what}.`, { resource });
}
