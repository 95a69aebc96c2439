/**
 * The objects ccsql creates for its own use — each resource table's writable view
 * (`"awscc.sagemaker.images:write"`) and its triggers, the staging table the triggers fill — are not
 * for user SQL: a row staged by hand would be sent by the next write to the table. A statement that
 * names one, quoted or not, is refused.
 */
import type { ParsedStatement } from './statement.js';
import { unquote } from './tokenize.js';

const INTERNAL = /:(write|insert|update|delete)$|^ccsql_staged$/i;

/** The first internal object the statement names, if any. */
export function internalNameIn(parsed: ParsedStatement): string | undefined {
  for (const i of parsed.meaningful) {
    const token = parsed.tokens[i]!;
    if (token.kind !== 'word' && token.kind !== 'quoted') continue;
    const name = unquote(token);
    if (INTERNAL.test(name)) return name;
  }
  return undefined;
}
