/**
 * npm run gen:docs
 *
 * Writes the pages of docs/ that are rendered from the catalog (docs/child-tables.md).
 */

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_TABLES_DOC, renderChildTables } from '../src/catalog/child-tables-doc.js';
import { defaultCatalog } from '../src/catalog/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, CHILD_TABLES_DOC), renderChildTables([...defaultCatalog().all()]));
console.log(`Wrote ${CHILD_TABLES_DOC}`);
