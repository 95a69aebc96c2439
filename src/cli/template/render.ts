/**
 * Fills `{{ … }}` placeholders in SQL the way StackQL and stackql-deploy do (Jinja syntax).
 *
 * Departures, for safety: a value never becomes SQL. Inside a '…' string its quotes are doubled, so
 * `'{{ description }}'` stays one string whatever the description says; inside a "…" identifier its
 * double quotes are doubled; anywhere else it becomes a literal (numbers bare, text quoted), so
 * `name = {{ name }}` compares with the value however it is spelt. A placeholder in a comment is
 * refused (a newline or `*\/` in the value would end the comment). Only `{{ x | sqlraw }}` pastes SQL
 * text as it is. Names are the given variables; the environment only through `--var-env NAME`.
 *
 * Ours rather than nunjucks: quoting depends on where the placeholder sits in the SQL (inside a '…'
 * literal, an identifier, a comment or not), which a template engine's per-value autoescape cannot
 * know, and a missing value must fail as a CcsqlError naming the variable rather than render as empty text.
 */
import { CcsqlError } from '../../errors.js';
import { evaluate, parseExpression, type Scope } from './expr.js';
import { FILTERS, SafeText, toText } from './filters.js';

export { hasPlaceholders } from './placeholders.js';

export type TemplateVars = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}(?!\})|\{#[\s\S]*?#\}|\{%([\s\S]*?)%\}/g;

/** Names resolve to the given variables, also as `vars.NAME` (StackQL's spelling). */
export function scopeOf(vars: TemplateVars): Scope {
  const varsObject = new Proxy({}, { get: (_, key) => (typeof key === 'string' && Object.hasOwn(vars, key) ? vars[key] : undefined) });
  return (name) => (Object.hasOwn(vars, name) ? vars[name] : name === 'vars' ? varsObject : undefined);
}

export function render(sql: string, vars: TemplateVars, missing?: (source: string) => unknown): string {
  const scope = scopeOf(vars);
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
    out += fill(match[1], scope, quotes.state, missing);
  }
  return out + sql.slice(last);
}

/**
 * Fills placeholders in text that is not SQL (a stackql-deploy manifest value): each becomes its
 * value's text, a template that is one placeholder alone its value itself (a list stays a list). A
 * name without a value is handed to `missing`, whose answer stands in for it (it may throw).
 */
export function renderText(template: string, vars: TemplateVars, missing: (source: string) => unknown): unknown {
  const scope = scopeOf(vars);
  const whole = /^\{\{([\s\S]*?)\}\}$/.exec(template.trim());
  const valueOf = (source: string) => {
    const value = evaluate(parseExpression(source), scope, FILTERS, source);
    return value === undefined ? missing(source) : value;
  };
  if (whole && !whole[1]!.includes('}}')) return valueOf(whole[1]!);
  return template.replace(PLACEHOLDER, (match, expression: string | undefined, tag: string | undefined) => {
    if (tag !== undefined) throw new CcsqlError('INVALID_ARGUMENT', `Template tags like "{%${tag}%}" are not supported; only {{ … }} placeholders are.`);
    return expression === undefined ? '' : toText(valueOf(expression));
  });
}

type Position = 'code' | 'single' | 'double' | 'line' | 'block';

function fill(source: string, scope: Scope, at: Position, missing?: (source: string) => unknown): string {
  let value = evaluate(parseExpression(source), scope, FILTERS, source);
  if (value === undefined && missing) value = missing(source);
  if (value === undefined) {
    const [first, second] = source.trim().split(/[\s|.[\]]+/);
    const name = first === 'vars' && second ? second : first;
    throw new CcsqlError('INVALID_ARGUMENT', `Placeholder "{{ ${source.trim()} }}" has no value: pass --var ${name}=VALUE or --vars FILE.`, { variable: name });
  }
  if (value instanceof SafeText && value.kind === 'raw') return value.text;
  if (at === 'line' || at === 'block') {
    throw new CcsqlError('INVALID_ARGUMENT', `Placeholder "{{ ${source.trim()} }}" sits in a SQL comment, where its value could end the comment: move it out, or write {{ … | sqlraw }} to paste it as SQL text.`);
  }
  if (at === 'single') return value instanceof SafeText ? value.text : toText(value).replace(/'/g, "''");
  if (at === 'double') return toText(value).replace(/"/g, '""');
  return literal(value);
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A value outside any quotes, as the SQL literal that stands for it. */
function literal(value: unknown): string {
  if (value instanceof SafeText) return value.kind === 'literal' ? value.text : `'${value.text}'`;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = toText(value);
  return NUMBER.test(text) ? text : `'${text.replace(/'/g, "''")}'`;
}

/** Follows the SQL around placeholders far enough to know whether one sits in a string, identifier or comment. */
class QuoteTracker {
  #state: Position = 'code';

  get state(): Position {
    return this.#state;
  }

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
  }
}
