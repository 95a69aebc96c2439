/**
 * The expression language inside `{{ … }}`: the part of Jinja that StackQL's pages and manifests use —
 * names, `a.b` and `a[0]` lookups, string/number/boolean/none literals, dict and list literals, and
 * filters (`x | f`, `x | f(arg)`). A missing name evaluates to `undefined` (Jinja's Undefined), so a
 * dict built for `generate_patch_document` can leave out what the user did not give.
 *
 * Ours because only this side-effect-free part is wanted: a full Jinja (nunjucks) would also run
 * `{% %}` statements and call methods found on values from a vars file.
 */
import { CcsqlError } from '../../errors.js';

export type Scope = (name: string) => unknown;
export type FilterFn = (value: unknown, ...args: unknown[]) => unknown;

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Node; key: Node }
  | { kind: 'dict'; entries: [Node, Node][] }
  | { kind: 'list'; items: Node[] }
  | { kind: 'filter'; input: Node; name: string; args: Node[] };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*)|(\S))/gy;
const LITERAL_WORDS: Readonly<Record<string, unknown>> = { true: true, True: true, false: false, False: false, none: null, None: null, null: null };

interface Token {
  readonly kind: 'number' | 'string' | 'word' | 'punct';
  readonly text: string;
}

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < source.length && (match = TOKEN.exec(source)) !== null) {
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: 'punct', text: match[4] });
  }
  return tokens;
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** A recursive-descent parser over the tokens of one placeholder. */
class Parser {
  #at = 0;
  constructor(readonly tokens: Token[], readonly source: string) {}

  parse(): Node {
    const node = this.filtered();
    if (this.#at < this.tokens.length) this.fail(`unexpected "${this.tokens[this.#at]!.text}"`);
    return node;
  }

  filtered(): Node {
    let node = this.postfix(this.primary());
    while (this.accept('|')) {
      const name = this.next('a filter name');
      if (name.kind !== 'word') this.fail(`expected a filter name, not "${name.text}"`);
      const args = this.accept('(') ? this.sequence(')') : [];
      node = { kind: 'filter', input: node, name: name.text, args };
    }
    return node;
  }

  primary(): Node {
    const token = this.next('a value');
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'string') return { kind: 'literal', value: unquote(token.text) };
    if (token.kind === 'word') return token.text in LITERAL_WORDS ? { kind: 'literal', value: LITERAL_WORDS[token.text] } : { kind: 'name', name: token.text };
    if (token.text === '(') {
      const inner = this.filtered();
      this.expect(')');
      return inner;
    }
    if (token.text === '[') return { kind: 'list', items: this.sequence(']') };
    if (token.text === '{') return this.dict();
    return this.fail(`unexpected "${token.text}"`);
  }

  postfix(node: Node): Node {
    for (;;) {
      if (this.accept('.')) node = { kind: 'member', object: node, key: { kind: 'literal', value: this.next('a name').text } };
      else if (this.accept('[')) {
        node = { kind: 'member', object: node, key: this.filtered() };
        this.expect(']');
      } else return node;
    }
  }

  dict(): Node {
    const entries: [Node, Node][] = [];
    while (!this.accept('}')) {
      const key = this.filtered();
      this.expect(':');
      entries.push([key, this.filtered()]);
      if (!this.accept(',')) {
        this.expect('}');
        break;
      }
    }
    return { kind: 'dict', entries };
  }

  sequence(close: string): Node[] {
    const items: Node[] = [];
    while (!this.accept(close)) {
      items.push(this.filtered());
      if (!this.accept(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  accept(text: string): boolean {
    const token = this.tokens[this.#at];
    if (token?.kind !== 'punct' || token.text !== text) return false;
    this.#at += 1;
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}"`);
  }

  next(what: string): Token {
    const token = this.tokens[this.#at++];
    return token ?? this.fail(`expected ${what} at the end`);
  }

  fail(problem: string): never {
    throw new CcsqlError('INVALID_ARGUMENT', `Placeholder "{{ ${this.source.trim()} }}" cannot be read: ${problem}.`);
  }
}

export function parseExpression(source: string): Node {
  return new Parser(lex(source), source).parse();
}

export function evaluate(node: Node, scope: Scope, filters: Readonly<Record<string, FilterFn>>, source: string): unknown {
  const run = (n: Node): unknown => evaluate(n, scope, filters, source);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      return scope(node.name);
    case 'member': {
      const object = run(node.object);
      if (object === null || object === undefined || typeof object !== 'object') return undefined;
      return (object as Record<string, unknown>)[String(run(node.key))];
    }
    case 'list':
      return node.items.map(run);
    case 'dict':
      return Object.fromEntries(node.entries.map(([k, v]) => [String(run(k)), run(v)]));
    case 'filter': {
      const filter = filters[node.name];
      if (!filter) {
        throw new CcsqlError('INVALID_ARGUMENT', `Placeholder "{{ ${source.trim()} }}" uses an unknown filter "${node.name}"; known filters: ${Object.keys(filters).join(', ')}.`);
      }
      return filter(run(node.input), ...node.args.map(run));
    }
  }
}
