/** `ccsql docs <table>`: prints a table's reference page; needs no AWS access. */
import { defaultUserCatalogDir, openCatalog } from '../user-catalog/store.js';
import { CcsqlError } from '../errors.js';
import { docsPage } from '../table-page.js';
import type { CliIo } from './io.js';

/** The page is of the catalog the command's runs use: the user catalog's type where it has one. */
export async function docsCommand(name: string, io: CliIo, catalogDir: string = defaultUserCatalogDir()): Promise<number> {
  const catalog = openCatalog(catalogDir);
  const table = catalog.resolve(name);
  if (!table) {
    throw new CcsqlError('UNKNOWN_TABLE', `There is no table ${name}: ccsql "SHOW RESOURCES IN awscc.<service>" lists the tables of a service.`, { table: name });
  }
  io.stdout(docsPage(catalog, name, table));
  return 0;
}
