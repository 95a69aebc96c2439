/**
 * `ccsql docs <table>`: a reference page in the shape of StackQL's provider pages, generated from the
 * catalog — overview, fields, methods with their required parameters, SELECT/INSERT/UPDATE/DELETE
 * examples, a stackql-deploy manifest, and the IAM permissions of each operation.
 */
import type { ResolvedTable } from './catalog/index.js';
import type { ResourceType } from './catalog/types.js';
import { layoutOf, schemaOrder } from './bridge/layout.js';
import { runMeta } from './bridge/meta.js';
import { unknownTable } from './bridge/messages.js';
import { nearestTable } from './bridge/prepare.js';
import { parseStatement } from './sql/statement.js';
import type { Catalog } from './catalog/index.js';
import { RESOURCE_MODEL_NOTE, referencesOf, sourceOf } from './bridge/column-notes.js';

const REGION = 'us-east-1';
const HANDLER_ORDER = ['create', 'read', 'update', 'delete', 'list'] as const;

/**
 * The reference page of a table, as `ccsql docs` prints it (Markdown); a name that is no table fails
 * with UNKNOWN_TABLE, naming the closest table of the service.
 *
 * @example
 * const page = tablePage(defaultCatalog(), 'awscc.sagemaker.images');
 */
export function tablePage(catalog: Catalog, name: string): string {
  const table = catalog.resolve(name.trim());
  if (!table) throw unknownTable(name.trim(), nearestTable(name.trim(), catalog));
  return docsPage(catalog, name.trim(), table);
}

export function docsPage(catalog: Catalog, name: string, table: ResolvedTable): string {
  const { type } = table;
  const layout = layoutOf(type, table.variant);
  const sections = [
    `# ${name}\n\n${type.description || `The ${type.typeName} resource type.`}`,
    overview(name, type),
    fields(catalog, type, schemaOrder(layout, type).map((c) => c.name)),
    methods(catalog, name),
    selectExamples(name, type, layout.keys.map((k) => k.name)),
    type.handlers.create && table.variant === 'full' ? insertExample(name, type) + '\n\n' + manifestExample(type) : '',
    type.handlers.update && table.variant === 'full' ? updateExample(name, type) : '',
    type.handlers.delete && table.variant === 'full' ? deleteExample(name, type) : '',
    permissions(type),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

const snake = (type: ResourceType, property: string) => type.columns.find((c) => c.property === property)?.name ?? property;
const identifierHint = (type: ResourceType) => `<${type.primaryIdentifier.join('>|<')}>`;
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

function overview(name: string, type: ResourceType): string {
  const rows = [
    ['Name', `\`${name.split('.').at(-1)}\``],
    ['Type', 'Resource'],
    ['Id', `\`${name}\``],
    ['CloudFormation type', `\`${type.typeName}\``],
    ['Identifier', `\`${type.primaryIdentifier.join('|')}\``],
  ];
  return `## Overview\n\n| | |\n|---|---|\n${rows.map(([k, v]) => `| **${k}** | ${v} |`).join('\n')}`;
}

function fields(catalog: Catalog, type: ResourceType, names: readonly string[]): string {
  const byName = new Map(type.columns.map((c) => [c.name, c]));
  const rows = names.map((n) => {
    const column = byName.get(n);
    const refers = referencesOf(catalog, column);
    const note = refers ? ` Refers to ${refers.split(', ').map((r) => `\`${r}\``).join(', ')}.` : '';
    return `| \`${n}\` | \`${column?.type ?? 'string'}\` | ${sourceOf(type, column)} | ${cell(column?.description ?? '')}${note} |`;
  });
  rows.push('| `region` | `string` | ccsql | AWS region. |');
  rows.push(`| \`resource_model\` | \`object\` | Cloud Control | ${RESOURCE_MODEL_NOTE} Read a property with \`json_extract(resource_model, '$.Name')\`. |`);
  return `## Fields\n\n| Name | Datatype | Source | Description |\n|---|---|---|---|\n${rows.join('\n')}`;
}

function methods(catalog: Catalog, name: string): string {
  const rows = runMeta(parseStatement(`SHOW METHODS IN ${name}`), catalog).rows.map((r) => `| \`${String(r.MethodName)}\` | \`${String(r.SQLVerb)}\` | \`${String(r.RequiredParams)}\` |`);
  return `## Methods\n\n| Name | Accessible by | Required Params |\n|---|---|---|\n${rows.join('\n')}`;
}

function selectExamples(name: string, type: ResourceType, keys: readonly string[]): string {
  const keyFilter = keys.map((k) => `\nAND ${k} = '{{ ${k} }}'`).join('');
  const ids = type.primaryIdentifier.map((p) => snake(type, p.split('/')[0]!));
  const all = ['region', ...keys, ...type.columns.map((c) => c.name).filter((c) => !keys.includes(c))];
  const list = type.handlers.list ? `List all \`${name.split('.').at(-1)}\` in a region.\n\n\`\`\`sql\nSELECT\nregion,\n${[...new Set(ids)].join(',\n')}\nFROM ${name}\nWHERE region = '${REGION}'${keyFilter};\n\`\`\`\n\n` : '';
  const get = `Get all properties of one resource.\n\n\`\`\`sql\nSELECT\n${all.join(',\n')}\nFROM ${name}\nWHERE region = '${REGION}' AND Identifier = '${identifierHint(type)}';\n\`\`\``;
  return `## \`SELECT\` examples\n\n${list}${get}`;
}

function requiredOf(type: ResourceType): string[] {
  return type.required.length > 0 ? [...type.required] : [...(type.requiredAlternatives[0] ?? [])];
}

function insertExample(name: string, type: ResourceType): string {
  const columns = requiredOf(type).map((p) => snake(type, p));
  const list = [...columns, 'region'];
  const values = list.map((c) => `'{{ ${c} }}'`);
  return `## \`INSERT\` example\n\nCreate a resource with its required properties; \`RETURNING\` gives the final ProgressEvent of the request (\`Identifier\`, \`OperationStatus\`, …, and \`region\`), not the resource's columns: read the table again for those.\n\n\`\`\`sql\nINSERT INTO ${name} (\n ${list.join(',\n ')}\n)\nSELECT\n ${values.join(',\n ')}\nRETURNING *;\n\`\`\``;
}

function manifestExample(type: ResourceType): string {
  const writable = type.columns.filter((c) => !type.readOnly.includes(c.property));
  const props = writable.map((c) => `      - name: ${c.property}\n        value: '{{ ${c.name} }}'`).join('\n');
  const resource = type.typeName.split('::').at(-1)!.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return `## Manifest example\n\nFor [stackql-deploy](https://pypi.org/project/stackql-deploy/); ccsql fills the same \`{{ }}\` placeholders with \`--var\`.\n\n\`\`\`yaml\nversion: 1\nname: stack name\ndescription: stack description\nproviders:\n  - awscc\nglobals:\n  - name: region\n    value: '{{ vars.AWS_REGION }}'\nresources:\n  - name: ${resource}\n    props:\n${props}\n\`\`\``;
}

function updateExample(name: string, type: ResourceType): string {
  const fixed = new Set([...type.readOnly, ...type.createOnly, ...type.primaryIdentifier]);
  const updatable = type.columns.filter((c) => !fixed.has(c.property));
  if (updatable.length === 0) return '';
  const sets = updatable.slice(0, 3).map((c) => `${c.name} = '{{ ${c.name} }}'`).join(',\n    ');
  const patch = updatable.map((c) => `    "${c.property}": ${c.name}`).join(',\n');
  return `## \`UPDATE\` example\n\nSet columns; ccsql sends the difference as an RFC 6902 patch.\n\n\`\`\`sql\nUPDATE ${name}\nSET ${sets}\nWHERE region = '${REGION}'\nAND Identifier = '${identifierHint(type)}'\nRETURNING *;\n\`\`\`\n\nOr, as StackQL writes it, with a patch document built by a filter:\n\n\`\`\`sql\nUPDATE ${name}\nSET PatchDocument = string('{{ {\n${patch}\n} | generate_patch_document }}')\nWHERE region = '{{ region }}'\nAND Identifier = '${identifierHint(type)}';\n\`\`\``;
}

function deleteExample(name: string, type: ResourceType): string {
  return `## \`DELETE\` example\n\n\`\`\`sql\nDELETE FROM ${name}\nWHERE Identifier = '${identifierHint(type)}'\nAND region = '${REGION}';\n\`\`\``;
}

function permissions(type: ResourceType): string {
  const parts = HANDLER_ORDER.filter((h) => type.handlers[h]).map((h) => {
    const handler = type.handlers[h]!;
    const timeout = handler.timeoutInMinutes ? ` (timeout ${handler.timeoutInMinutes} minutes)` : '';
    return `### ${h[0]!.toUpperCase()}${h.slice(1)}${timeout}\n\n\`\`\`json\n${handler.permissions.join(',\n')}\n\`\`\``;
  });
  return `## Permissions\n\nTo operate on this resource, the following permissions are required:\n\n${parts.join('\n\n')}`;
}
