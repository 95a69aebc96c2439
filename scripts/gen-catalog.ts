/**
 * npm run gen:catalog -- <schemas dir> [out dir]
 *
 * Reads every CloudFormation registry schema in <schemas dir>, merges what the AWS CDK's service
 * specification adds (scripts/service-spec.ts), and writes the catalog
 * (`index.json` and `services/<service>.json`) into [out dir] (default: the repo's catalog/).
 * Stale service files are removed so that a service that disappears does not linger.
 */

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundledCatalog } from './bundled-catalog.js';

async function main(argv: readonly string[]): Promise<void> {
  const [schemasDir, outArg] = argv;
  if (schemasDir === undefined || schemasDir === '--help') {
    console.error('Usage: npm run gen:catalog -- <schemas dir> [out dir]\nExample: npm run gen:catalog -- ../shared/cfn-schemas');
    process.exit(schemasDir === undefined ? 1 : 0);
  }
  const outDir = resolve(outArg ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'catalog'));
  const built = await buildBundledCatalog(resolve(schemasDir));

  rmSync(join(outDir, 'services'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'services'), { recursive: true });
  for (const [path, content] of built.files) writeFileSync(join(outDir, path), content);

  const s = built.stats;
  console.log(`Wrote ${built.files.size} files to ${outDir}`);
  console.log(`types: ${s.types}, services: ${s.services}`);
  console.log(`list needs keys: ${s.listNeedsKeys}, no list handler: ${s.noListHandler}`);
  console.log(`compound primary identifier: ${s.compoundPrimaryIdentifier}, with write-only properties: ${s.withWriteOnly}`);
  console.log(`singular aliases: ${s.singularAliases}, old column spellings: ${s.columnAliases}`);
  console.log(`service files: ${readdirSync(join(outDir, 'services')).length}`);
  const fromSpec = built.types.flatMap((t) => t.columns.filter((c) => c.source === 'service-spec').map(() => t.typeName));
  console.log(`columns from the service specification: ${fromSpec.length} in ${new Set(fromSpec).size} types`);
  console.log(`columns that refer to another type: ${built.types.reduce((n, t) => n + t.columns.filter((c) => c.refersTo).length, 0)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
