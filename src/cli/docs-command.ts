/** `ccsql docs <table>`: prints a table's reference page; needs no AWS access. */
import { defaultCatalog } from '../catalog/index.js';
import { CcsqlError } from '../errors.js';
import { docsPage } from './docs-page.js';
import type { CliIo } from './io.js';

export async function docsCommand(name: string, io: CliIo): Promise<number> {
  const catalog = defaultCatalog();
  const table = catalog.resolve(name);
  if (!table) {
    throw new CcsqlError('UNKNOWN_TABLE', `There is no table ${name}: ccsql "SHOW RESOURCES IN awscc.<service>" lists the tables of a service.`, { table: name });
  }
  io.stdout(docsPage(catalog, name, table));
  return 0;
}
