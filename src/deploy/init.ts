/**
 * `ccsql deploy init NAME`: a starter project in ./NAME (the name's `_` as `-`, lower-cased, as
 * stackql-deploy names it); refused if the folder is there, so nothing of the user's is overwritten.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CcsqlError } from '../index.js';
import { STARTER } from './starter.js';

export function initStack(name: string, parent = '.'): { dir: string; files: string[] } {
  const stackName = name.replace(/_/g, '-').toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stackName)) throw new CcsqlError('INVALID_ARGUMENT', `Stack name "${name}" must be letters, digits, - and _ (e.g. my-stack).`);
  const dir = resolve(parent, stackName);
  if (existsSync(dir)) throw new CcsqlError('INVALID_ARGUMENT', `Folder ${dir} already exists: choose another name, or remove it first.`);
  const files: string[] = [];
  for (const [path, template] of Object.entries(STARTER)) {
    const text = template.replace(/\{\{\s*stack_name\s*\}\}/g, stackName).replace(/\{% raw %\}|\{% endraw %\}/g, '');
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(path);
  }
  return { dir, files };
}
