/**
 * The SQL statements of the seed pages (the StackQL documents ccsql was created from), with their
 * `{{ }}` and `<…>` placeholders filled by the caller.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './shared.js';

export const SEEDS_DIR = join(SHARED_DIR, 'seeds');

/**
 * The statements are also kept in test/fixtures/seed-statements.json, so a clone without the seed
 * pages beside it still runs them; the fixture is checked against the pages where they are.
 */
export const SEED_FIXTURE = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'fixtures', 'seed-statements.json');

export function seedsAvailable(): boolean {
  return existsSync(SEEDS_DIR) || existsSync(SEED_FIXTURE);
}

export function seedStatements(): { file: string; sql: string }[] {
  if (existsSync(SEEDS_DIR)) return statementsOfPages();
  return JSON.parse(readFileSync(SEED_FIXTURE, 'utf8')) as { file: string; sql: string }[];
}

/** Every statement of every seed page: fenced ```sql blocks, and the plain-text pages' statements. */
export function statementsOfPages(): { file: string; sql: string }[] {
  const out: { file: string; sql: string }[] = [];
  for (const file of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(SEEDS_DIR, file), 'utf8').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const fenced = [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const blocks = fenced.length > 0 ? fenced : plainStatements(text);
    for (const sql of blocks) out.push({ file, sql: sql.trim() });
  }
  return out;
}

/** A plain-text page: a statement starts at a line opening with a verb or hint and ends at `;`. */
function plainStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!current && /^(\/\*\+|SELECT\b|INSERT\b|UPDATE\b|DELETE\b)/.test(line) && !/examples?$/.test(line)) current = [];
    if (current) {
      current.push(line);
      if (line.trimEnd().endsWith(';')) {
        statements.push(current.join('\n'));
        current = undefined;
      }
    }
  }
  return statements;
}

/** Fills `{{ name }}`, `'<Name>'` placeholders from `values`; unknown names are left for the caller to see. */
export function fill(sql: string, values: Record<string, string>): string {
  return sql
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole)
    .replace(/<(\w+)>/g, (whole, name: string) => values[name] ?? whole);
}
