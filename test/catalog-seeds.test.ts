/**
 * The catalog against the StackQL pages the project was created from (../shared/seeds), field for
 * field. The pages are parsed, not copied: three layouts occur (HTML tables, SchemaTable JSON, and
 * a page saved as plain text). The schemas are newer than some pages, so a page's fields and
 * permissions must be found in the catalog, and the catalog may have more.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultCatalog } from '../src/catalog/index.js';
import type { ResolvedTable } from '../src/catalog/index.js';
import { sharedPath, skipWithoutShared } from './support/shared.js';

const seedsDir = sharedPath('seeds');

interface SeedPage {
  readonly file: string;
  readonly id: string;
  readonly fields: readonly { name: string; type: string }[];
  readonly methods: ReadonlyMap<string, readonly string[]>;
  readonly permissions: ReadonlyMap<string, readonly string[]>;
}

function parsePage(file: string, text: string): SeedPage {
  const id = /(?:Id<\/b><\/td><td>.*?|^Id)((?:awscc|aws)\.[a-z0-9_]+\.[a-z0-9_]+)/m.exec(text)?.[1] ?? '';
  return { file, id, fields: parseFields(text), methods: parseMethods(text), permissions: parsePermissions(text) };
}

function parseFields(text: string): { name: string; type: string }[] {
  const schemaTable = /<SchemaTable fields=\{(\[[\s\S]*?\])\} \/>/.exec(text);
  if (schemaTable) return (JSON.parse(schemaTable[1] as string) as { name: string; type: string }[]).map(({ name, type }) => ({ name, type }));
  const html = [...text.matchAll(/<tr><td>(?:<CopyableCode code="([^"]+)" \/>|<code>([^<]+)<\/code>)<\/td><td><code>([a-z]+)<\/code><\/td>/g)];
  if (html.length > 0) return html.map((m) => ({ name: (m[1] ?? m[2]) as string, type: m[3] as string }));
  const plain = /NameDatatypeDescription\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? '';
  return plain.split('\n').flatMap((line) => {
    const m = /^([a-z0-9_]+?)(string|integer|number|boolean|object|array)/.exec(line);
    return m ? [{ name: m[1] as string, type: m[2] as string }] : [];
  });
}

function parseMethods(text: string): Map<string, string[]> {
  const methods = new Map<string, string[]>();
  const split = (params: string): string[] => params.split(',').map((p) => p.trim()).filter(Boolean);
  for (const m of text.matchAll(/code="(create_resource|delete_resource|update_resource|list_resources?|get_resource)" \/>[\s\S]*?code="([^"]*)"/g)) {
    methods.set(m[1] as string, split(m[2] as string));
  }
  for (const m of text.matchAll(/^(create_resource|delete_resource|update_resource|list_resources?|get_resource)\w*?(?:INSERT|DELETE|UPDATE|SELECT)(.*)$/gm)) {
    methods.set(m[1] as string, split(m[2] as string));
  }
  return methods;
}

function parsePermissions(text: string): Map<string, string[]> {
  const permissions = new Map<string, string[]>();
  const blocks = /(?:### (\w+)|<TabItem value="(\w+)">)\s*(?:```json\n([\s\S]*?)```|<pre>\n?([\s\S]*?)<\/pre>)/g;
  for (const m of text.matchAll(blocks)) {
    const list = ((m[3] ?? m[4]) as string).split(',').map((p) => p.trim()).filter(Boolean);
    permissions.set(((m[1] ?? m[2]) as string).toLowerCase(), list);
  }
  // The plain-text page shows only its first tab, Create, after "the following permissions are required:".
  const plain = /permissions are required:\n\n([a-z0-9-]+:[\s\S]*)$/.exec(text);
  if (permissions.size === 0 && plain) permissions.set('create', (plain[1] as string).split(',').map((p) => p.trim()).filter(Boolean));
  return permissions;
}

function loadPages(): SeedPage[] {
  if (seedsDir === undefined) return [];
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parsePage(f, readFileSync(join(seedsDir, f), 'utf8')));
}

const pages = loadPages();
const METHOD_HANDLER: Record<string, string> = { get_resource: 'read', delete_resource: 'delete', update_resource: 'update' };

function resolvePage(page: SeedPage): ResolvedTable {
  const table = defaultCatalog().resolve(page.id);
  assert.ok(table, `${page.file}: table "${page.id}" is not in the catalog`);
  return table;
}

describe('catalog against the seed pages', () => {
  it('finds the five pages and their tables', (t) => {
    if (skipWithoutShared(t, 'seeds')) return;
    assert.deepEqual(pages.map((p) => p.id).sort(), [
      'aws.sagemaker.images', 'awscc.imagebuilder.images', 'awscc.sagemaker.image_version',
      'awscc.sagemaker.image_versions', 'awscc.sagemaker.images',
    ]);
    const expected: Record<string, [string, ResolvedTable['variant']]> = {
      'aws.sagemaker.images': ['AWS::SageMaker::Image', 'full'],
      'awscc.sagemaker.images': ['AWS::SageMaker::Image', 'full'],
      'awscc.sagemaker.image_versions': ['AWS::SageMaker::ImageVersion', 'full'],
      'awscc.sagemaker.image_version': ['AWS::SageMaker::ImageVersion', 'singular'],
      'awscc.imagebuilder.images': ['AWS::ImageBuilder::Image', 'full'],
    };
    for (const page of pages) {
      const table = resolvePage(page);
      assert.deepEqual([table.type.typeName, table.variant], expected[page.id], page.file);
    }
  });

  it('has every field of every page, with its JSON type', (t) => {
    if (skipWithoutShared(t, 'seeds')) return;
    for (const page of pages) {
      const { type, variant } = resolvePage(page);
      const fields = page.fields.filter((f) => f.name !== 'region');
      assert.ok(fields.length >= 6, `${page.file}: parsed only ${fields.length} fields`);
      for (const field of fields) {
        const name = variant === 'singular' ? (type.aliases.columns[field.name] ?? field.name) : field.name;
        const column = type.columns.find((c) => c.name === name);
        assert.ok(column, `${page.file}: ${page.id} has no column "${field.name}"`);
        assert.equal(column.type, field.type, `${page.file}: type of ${page.id}.${field.name}`);
      }
      // The SageMaker schemas have not changed since their pages: the columns are exactly the page's.
      if (type.service === 'sagemaker') assert.deepEqual(type.columns.map((c) => c.name), fields.map((f) => type.aliases.columns[f.name] ?? f.name), page.file);
    }
    const version = defaultCatalog().byTypeName('AWS::SageMaker::ImageVersion');
    assert.deepEqual(version?.aliases.columns, { m_lframework: 'ml_framework' });
  });

  it('has the required parameters of every method', (t) => {
    if (skipWithoutShared(t, 'seeds')) return;
    let checked = 0;
    for (const page of pages) {
      const { type } = resolvePage(page);
      for (const [method, params] of page.methods) {
        const own = params.filter((p) => p !== 'region').map((p) => p.replace(/^data__/, ''));
        checked++;
        if (method === 'create_resource') assert.deepEqual(new Set(own), new Set(type.required), `${page.file} ${method}`);
        else if (method.startsWith('list_resource')) {
          // StackQL never sends list keys, so its pages show none; the catalog's are a superset.
          for (const key of own) assert.ok([...type.listKeys.required, ...type.listKeys.optional].includes(key), `${page.file} list key ${key}`);
        } else {
          assert.deepEqual(own.filter((p) => p !== 'PatchDocument'), ['Identifier'], `${page.file} ${method}`);
          assert.ok(type.handlers[METHOD_HANDLER[method] as 'read'], `${page.file}: no handler for ${method}`);
        }
      }
    }
    assert.equal(checked, 20, 'four pages with five methods each');
    assert.deepEqual(defaultCatalog().byTypeName('AWS::SageMaker::ImageVersion')?.listKeys.required, ['ImageName']);
  });

  it('has every permission of every handler', (t) => {
    if (skipWithoutShared(t, 'seeds')) return;
    let handlers = 0;
    for (const page of pages) {
      const { type } = resolvePage(page);
      for (const [handler, permissions] of page.permissions) {
        const own = type.handlers[handler as 'read']?.permissions ?? [];
        for (const permission of permissions) assert.ok(own.includes(permission), `${page.file}: ${handler} lacks ${permission}`);
        if (type.service === 'sagemaker') assert.deepEqual([...own].sort(), [...permissions].sort(), `${page.file} ${handler}`);
        handlers++;
      }
    }
    assert.equal(handlers, 5 + 1 + 5 + 5 + 3, `parsed ${handlers} permission lists`);
  });
});
