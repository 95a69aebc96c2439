#!/usr/bin/env node
// The AWS SDK warns on every run under Node 20 about its own future releases; a CLI user can do
// nothing about it, and it would break "errors are one line on stderr".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node 22.1 and later keep compiled code between runs: start-up then costs little more than Node's.
(await import('node:module')).enableCompileCache?.();
// One bundle of ccsql's own modules (npm run build): loading a hundred small ES modules one by one
// would cost more than everything else a `ccsql "select 1"` does.
const bundle = new URL('../dist/cli-bundle/main.js', import.meta.url);
let main;
try {
  ({ main } = await import(bundle.href));
} catch (error) {
  // A clone builds dist/ at `npm install` (the prepare script); one whose dist/ was deleted since
  // gets one line saying how to mend it, not a module-resolution stack. The file is looked at only
  // when the import failed, so a normal start pays nothing for the check.
  if ((await import('node:fs')).existsSync(bundle)) throw error;
  process.stderr.write('ccsql is not built: run npm run build\n');
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
