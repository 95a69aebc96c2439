#!/usr/bin/env node
// The AWS SDK warns on every run under Node 20 about its own future releases; a CLI user can do
// nothing about it, and it would break "errors are one line on stderr".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node 22.1 and later keep compiled code between runs: start-up then costs little more than Node's.
(await import('node:module')).enableCompileCache?.();
// One bundle of ccsql's own modules (npm run build): loading a hundred small ES modules one by one
// would cost more than everything else a `ccsql "select 1"` does.
const { main } = await import('../dist/cli-bundle/main.js');
process.exitCode = await main(process.argv.slice(2));
