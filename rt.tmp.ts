import { defaultCatalog } from './src/catalog/index.js';
import { generateResourceType } from './src/catalog/generate.js';
import { toRegistrySchema } from './src/catalog/to-schema.js';
import { applySupplement, supplementOf } from './src/catalog/supplement.js';
const norm = (t: any) => JSON.stringify({ ...t, aliases: undefined, origin: undefined, columns: t.columns.map((c: any) => ({ ...c, source: undefined })) });
let diff = 0; const ex: string[] = [];
for (const t of defaultCatalog().all()) {
  const g = applySupplement(generateResourceType(toRegistrySchema(t), { source: 'account' }), supplementOf(t, 'service-spec'), 'service-spec');
  if (norm(g) !== norm(t)) { diff++; if (ex.length < 3) { const a = norm(g), b = norm(t); let i = 0; while (a[i] === b[i]) i++; ex.push(t.typeName + ' ' + a.slice(i - 80, i + 80) + '\n   vs ' + b.slice(i - 80, i + 80)); } }
}
console.log(diff); console.log(ex.join('\n'));
