/**
 * SQL the write path installs, read at run time from the package's `sql/` folder (shipped with the
 * package, next to `catalog/`), so the DDL stays reviewable as SQL.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

const cache = new Map<string, string>();

/** The text of `sql/<name>`, found from this file (src/ or dist/) up to the folder holding package.json. */
export function readSqlFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = readFileSync(join(sqlDir(), name), 'utf8')));
  return text;
}

function sqlDir(): string {
  return join(packageRoot(), 'sql');
}

/** Fills `{{name}}` placeholders; a placeholder without a value is a bug, so it throws. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`SQL template placeholder "${key}" has no value`);
    return value;
  });
}
