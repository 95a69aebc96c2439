import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding ccsql's package.json, found by walking up from this file, so the shipped
 * `catalog/` and `sql/` folders are found both from src/ (tsx) and from dist/ (the built command).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above "${fileURLToPath(import.meta.url)}".`);
    dir = parent;
  }
  return dir;
}
