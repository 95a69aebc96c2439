/**
 * `search_tables`: the tables whose service, resource name or description match the words of a
 * query, best first. 1,489 tables are too many to list to an agent; a few words find the few it needs.
 * Scoring is plain and explainable: a word naming the service or the resource weighs most, one in
 * the CloudFormation type name next, one in the description least; a table must match every word
 * somewhere, else the tables matching most words come first.
 */

import type { Catalog, ResourceType } from '../index.js';

export const SEARCH_LIMIT = 50;

export interface TableHit {
  readonly table: string;
  readonly typeName: string;
  readonly summary: string;
}

interface Entry {
  readonly type: ResourceType;
  readonly service: string;
  readonly nameWords: readonly string[];
  readonly typeWords: readonly string[];
  readonly text: string;
}

export function searchTables(catalog: Catalog, query: string, limit = SEARCH_LIMIT): TableHit[] {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  const scored: { entry: Entry; score: number; matched: number }[] = [];
  for (const entry of entries(catalog)) {
    let score = 0;
    let matched = 0;
    for (const word of words) {
      const s = wordScore(entry, word);
      if (s > 0) matched += 1;
      score += s;
    }
    if (matched > 0) scored.push({ entry, score, matched });
  }
  scored.sort((a, b) => b.matched - a.matched || b.score - a.score || a.entry.type.sqlName.length - b.entry.type.sqlName.length || a.entry.type.sqlName.localeCompare(b.entry.type.sqlName));
  return scored.slice(0, limit).map(({ entry }) => ({ table: entry.type.sqlName, typeName: entry.type.typeName, summary: summaryOf(entry.type.description) }));
}

function wordScore(entry: Entry, word: string): number {
  const stem = stemOf(word);
  const same = (w: string) => w === word || stemOf(w) === stem;
  if (entry.service === word || entry.service === stem) return 8;
  if (entry.nameWords.some(same)) return 6;
  if (entry.typeWords.some(same)) return 4;
  if (entry.nameWords.some((w) => w.startsWith(stem))) return 3;
  if (entry.text.includes(stem)) return 1;
  return 0;
}

/** Lower-case words of letters and digits; camelCase split (`LogGroup` → log, group). */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
}

/** Enough of a stem that `buckets`, `bucket` and `policies`, `policy` meet. */
function stemOf(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3);
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  if (word.endsWith('y') && word.length > 3) return word.slice(0, -1);
  return word;
}

const cache = new WeakMap<Catalog, Entry[]>();

function entries(catalog: Catalog): Entry[] {
  const known = cache.get(catalog);
  if (known) return known;
  const list: Entry[] = [];
  for (const service of catalog.services()) {
    for (const { typeName } of catalog.resourcesOf(service)) {
      const type = catalog.byTypeName(typeName);
      if (!type) continue;
      const resource = type.sqlName.split('.').at(-1)!;
      list.push({ type, service, nameWords: wordsOf(resource), typeWords: wordsOf(typeName.split('::').slice(1).join(' ')), text: `${type.description ?? ''}`.toLowerCase() });
    }
  }
  cache.set(catalog, list);
  return list;
}

/** The description's first sentence, at most 160 characters. */
function summaryOf(description: string | undefined): string {
  const first = (description ?? '').replace(/``/g, '`').replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}
