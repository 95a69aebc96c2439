/**
 * Tab completion: dot-commands at the start of a line; table names level by level
 * (`awscc.` → services, `awscc.sagemaker.` → tables) so one Tab never floods the screen with 1,489
 * names; column names of the tables the statement mentions; SQL keywords.
 */
import type { Catalog } from '../../catalog/index.js';
import { layoutOf } from '../../bridge/layout.js';

const KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'JOIN', 'LEFT', 'ON', 'GROUP', 'BY', 'ORDER', 'LIMIT', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'RETURNING', 'WITH', 'AS', 'IN', 'LIKE', 'DISTINCT', 'COUNT', 'SHOW', 'SERVICES', 'RESOURCES', 'METHODS', 'DESCRIBE', 'EXTENDED', 'json_extract', 'json_each'];
const PROVIDERS = ['awscc'];

export type Completer = (line: string) => [string[], string];

export function makeCompleter(catalog: Catalog, dotCommands: readonly string[], pending: () => string): Completer {
  return (line) => {
    const word = /[\w.$"]*$/.exec(line)![0].replace(/^"/, '');
    if (line.trimStart() === word && word.startsWith('.') && pending() === '') return [dotCommands.filter((c) => c.startsWith(word)), word];
    if (word.includes('.')) return [tableNames(catalog, word), word];
    const lower = word.toLowerCase();
    const columns = columnsOf(catalog, `${pending()}\n${line}`);
    const candidates = [...new Set([...columns, ...KEYWORDS, ...PROVIDERS.map((p) => `${p}.`)])];
    return [candidates.filter((c) => c.toLowerCase().startsWith(lower)).sort(), word];
  };
}

/** Completes one dotted level at a time; a full table name completes to itself. */
export function tableNames(catalog: Catalog, word: string): string[] {
  const [provider, service, resource] = word.toLowerCase().split('.');
  if (resource === undefined) return catalog.services().map((s) => `${provider}.${s}.`).filter((n) => n.startsWith(word.toLowerCase()));
  const tables = catalog.resourcesOf(service!).map((r) => `${provider}.${service}.${r.sqlName.split('.').at(-1)}`);
  return tables.filter((n) => n.startsWith(word.toLowerCase()));
}

/** Columns of every table the statement names so far. */
export function columnsOf(catalog: Catalog, text: string): string[] {
  const names = text.match(/\b(?:awscc|aws)\.\w+\.\w+/gi) ?? [];
  const columns = new Set<string>();
  for (const name of names) {
    const table = catalog.resolve(name);
    if (!table) continue;
    const layout = layoutOf(table.type, table.variant);
    for (const c of [{ name: 'region' }, ...layout.visible]) columns.add(c.name);
  }
  return [...columns];
}
