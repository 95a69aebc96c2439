/**
 * The bundled catalog's two inputs, in one place for `npm run gen:catalog` and the staleness test:
 * the CloudFormation registry schemas (authoritative for what they have) and the AWS CDK's service
 * specification (properties the schema snapshot lacks, cross-type references).
 */

import { buildCatalog, type BuiltCatalog } from '../src/catalog/build.js';
import { readSchemaDir } from '../src/catalog/read-schemas.js';
import { loadServiceSpecSupplement } from './service-spec.js';

export async function buildBundledCatalog(schemasDir: string): Promise<BuiltCatalog> {
  const schemas = readSchemaDir(schemasDir);
  const supplement = await loadServiceSpecSupplement();
  return buildCatalog(schemas, { supplement, inputs: [`CloudFormation registry schemas (${schemas.length} types)`] });
}
