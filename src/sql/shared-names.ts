/**
 * Sixteen resource types have a property named `Identifier` or `Region`, words ccsql (like StackQL)
 * also uses for Cloud Control's identifier and for where a resource lives. Their columns are
 * `resource_identifier` and `resource_region`; StackQL's statements reach both meanings with the
 * plain words, telling them apart by where and how a word is written, and so does this step:
 *
 * - in the result columns of a SELECT, `identifier` spelt in lower case (as StackQL's pages print the
 *   property's column) is the property: `resource_identifier AS identifier`; `region` is where the
 *   resource lives, and only a second `region` in the same list (StackQL's pages print `region` first,
 *   then the property's column of the same name) is the property: `resource_region AS region`;
 * - in an INSERT's column list, `Identifier` in any spelling is the property (Cloud Control assigns
 *   its own identifier), and `Region` spelt so, beside another spelling of `region`, is the property
 *   while the other is where to create (`INSERT … (Region, region)`);
 * - 27 types have an `AccountId` property, whose column is `resource_account_id` beside ccsql's
 *   `account_id` (the account the resource lives in); in the result columns of a SELECT,
 *   `account_id` is the property, as StackQL's pages print it (for most of these types, account
 *   singletons, the two are the same account);
 * - everywhere else the words keep ccsql's meaning (`WHERE Identifier = '…'`, `region`, `account_id`).
 * docs/architecture.md ("Shared names") states the rule. Ours: no SQL library knows StackQL's words.
 */

import type { ParsedStatement } from './statement.js';
import type { Token } from './tokenize.js';

/** Which of the shared words name a property of a table the statement uses. */
export interface SharedNames {
  readonly identifier: boolean;
  readonly region: boolean;
  readonly account?: boolean;
}

/** Replacement text by token index, for the words that name the property. */
export function sharedNameSwaps(parsed: ParsedStatement, shared: SharedNames): Map<number, string> {
  const swaps = new Map<number, string>();
  if ((shared.identifier || shared.region || shared.account) && parsed.kind === 'select') selectListSwaps(parsed, shared, swaps);
  if ((shared.identifier || shared.region) && parsed.kind === 'insert') insertColumnSwaps(parsed, shared, swaps);
  return swaps;
}

function selectListSwaps(parsed: ParsedStatement, shared: SharedNames, swaps: Map<number, string>): void {
  const m = parsed.meaningful;
  const tok = (k: number): Token | undefined => (k >= 0 && k < m.length ? parsed.tokens[m[k]!] : undefined);
  const upper = (k: number): string => tok(k)?.text.toUpperCase() ?? '';
  for (let k = 0; k < m.length; k += 1) {
    if (upper(k) !== 'SELECT') continue;
    // The result columns run to this SELECT's FROM (or the end of its parentheses).
    let depth = 0;
    let regions = 0;
    for (let j = k + 1; j < m.length; j += 1) {
      const text = upper(j);
      if (text === '(') depth += 1;
      else if (text === ')' && --depth < 0) break;
      else if (depth === 0 && (text === 'FROM' || text === 'SELECT')) break;
      const t = tok(j)!;
      if (t.kind !== 'word' || upper(j - 1) === 'AS' || tok(j + 1)?.text === '(') continue;
      const start = tok(j - 1)?.text === '.' ? j - 2 : j;
      const whole = [',', 'SELECT', 'DISTINCT', 'ALL'].includes(upper(start - 1)) && [',', 'FROM', ''].includes(upper(j + 1));
      if (shared.identifier && t.text === 'identifier') swaps.set(m[j]!, whole ? 'resource_identifier AS identifier' : 'resource_identifier');
      else if (shared.region && whole && text === 'REGION' && (regions += 1) > 1) swaps.set(m[j]!, `resource_region AS ${t.text}`);
      else if (shared.account && text === 'ACCOUNT_ID') swaps.set(m[j]!, whole ? `resource_account_id AS ${t.text}` : 'resource_account_id');
    }
  }
}

function insertColumnSwaps(parsed: ParsedStatement, shared: SharedNames, swaps: Map<number, string>): void {
  const m = parsed.meaningful;
  const target = parsed.writeTarget;
  if (!target) return;
  let k = m.indexOf(target.last) + 1;
  if (parsed.tokens[m[k]!]?.text !== '(') return;
  const words: number[] = [];
  for (k += 1; k < m.length && parsed.tokens[m[k]!]!.text !== ')'; k += 1) if (parsed.tokens[m[k]!]!.kind === 'word') words.push(m[k]!);
  const text = (i: number): string => parsed.tokens[i]!.text;
  if (shared.identifier) for (const i of words) if (text(i).toLowerCase() === 'identifier') swaps.set(i, 'resource_identifier');
  const regions = words.filter((i) => text(i).toLowerCase() === 'region');
  if (shared.region && regions.length > 1) for (const i of regions) if (text(i) === 'Region') swaps.set(i, 'resource_region');
}
