/**
 * Fills `{{ … }}` placeholders in SQL the way StackQL and stackql-deploy do (Jinja syntax).
 *
 * One departure, for safety: a value placed inside a single-quoted SQL string has its quotes doubled,
 * so `'{{ description }}'` stays one string whatever the description says (`sql_escape` and `safe`
 * mark a value as already escaped).
 *
 * Ours rather than nunjucks: quoting depends on where the placeholder sits in the SQL (inside a '…'
 * literal or not), which a template engine's per-value autoescape cannot know, and a missing value
 * must fail as a CcsqlError naming the variable rather than render as empty text.
 */
import { CcsqlError } from '../../errors.js';
import { evaluate, parseExpression, type Scope } from './expr.js';
import { FILTERS, SafeText, toText } from './filters.js';

export type TemplateVars = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}(?!\})|\{#[\s\S]*?#\}|\{%([\s\S]*?)%\}/g;

export function hasPlaceholders(sql: string): boolean {
  return /\{\{[\s\S]*?\}\}|\{%/.test(sql);
}

/** Names resolve to the given variables; `vars.NAME` also reaches the environment (`vars.AWS_REGION`). */
export function scopeOf(vars: TemplateVars, env: NodeJS.ProcessEnv = process.env): Scope {
  const varsObject = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? (vars[key] ?? env[key]) : undefined) });
  return (name) => (Object.hasOwn(vars, name) ? vars[name] : name === 'vars' ? varsObject : undefined);
}

export function render(sql: string, vars: TemplateVars, env: NodeJS.ProcessEnv = process.env): string {
  const scope = scopeOf(vars, env);
  const quotes = new QuoteTracker();
  let out = '';
  let last = 0;
  for (const match of sql.matchAll(PLACEHOLDER)) {
    const literal = sql.slice(last, match.index);
    quotes.feed(literal);
    out += literal;
    last = match.index + match[0].length;
    if (match[2] !== undefined) {
      throw new CcsqlError('INVALID_ARGUMENT', `Template tags like "{%${match[2]}%}" are not supported; only {{ … }} placeholders are.`);
    }
    if (match[1] === undefined) continue;
    out += fill(match[1], scope, quotes.inString);
  }
  return out + sql.slice(last);
}

function fill(source: string, scope: Scope, inString: boolean): string {
  const value = evaluate(parseExpression(source), scope, FILTERS, source);
  if (value === undefined) {
    const name = source.trim().split(/[\s|.[]/)[0];
    throw new CcsqlError('INVALID_ARGUMENT', `Placeholder "{{ ${source.trim()} }}" has no value: pass --var ${name}=VALUE or --vars FILE.`, { variable: name });
  }
  const text = toText(value);
  return inString && !(value instanceof SafeText) ? text.replace(/'/g, "''") : text;
}

/** Follows the SQL around placeholders far enough to know whether one sits inside a '…' string. */
class QuoteTracker {
  inString = false;
  #state: 'code' | 'single' | 'double' | 'line' | 'block' = 'code';

  feed(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      const pair = text.slice(i, i + 2);
      if (this.#state === 'code') {
        if (c === "'") this.#state = 'single';
        else if (c === '"') this.#state = 'double';
        else if (pair === '--') this.#state = 'line';
        else if (pair === '/*') this.#state = 'block';
      } else if (this.#state === 'single' && c === "'") this.#state = 'code';
      else if (this.#state === 'double' && c === '"') this.#state = 'code';
      else if (this.#state === 'line' && c === '\n') this.#state = 'code';
      else if (this.#state === 'block' && pair === '*/') (this.#state = 'code'), (i += 1);
    }
    this.inString = this.#state === 'single';
  }
}
