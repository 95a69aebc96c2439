// Preload (node --import) that appends the URL of every ES module the process loads to the file
// named by CCSQL_MODULE_TRACE: start-up tests assert what a run loads, not how long it takes.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
  import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) {
    appendFileSync(process.env.CCSQL_MODULE_TRACE, url + '\\n');
    return next(url, context);
  }
`));
