/**
 * The version of ccsql, read from its package.json. Kept apart from main.ts so the shell can show it
 * without importing the command-line entry (which would close an import cycle).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
