/**
 * better-sqlite3 finds its compiled addon through the `bindings` package, which reads a stack trace
 * and tries a dozen paths: several milliseconds of every `ccsql "select 1"`. Where the addon is is
 * known (better-sqlite3, pinned, builds it in build/Release), so ccsql names it; where it is not
 * there, better-sqlite3 looks for it as usual.
 */

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let addon: string | null | undefined;

/** `options` for `new Database(…)`, with the addon's path when it is where the build puts it. */
export function sqliteOptions<T extends object>(options: T): T & { nativeBinding?: string } {
  if (addon === undefined) {
    try {
      const path = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
      addon = existsSync(path) ? path : null;
    } catch {
      addon = null;
    }
  }
  return addon ? { ...options, nativeBinding: addon } : options;
}
