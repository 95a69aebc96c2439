/**
 * Makes a string that matches a schema `pattern`. Registry patterns are simple (anchors, classes,
 * groups, alternation, quantifiers), so a small generator over their syntax tree is enough; every
 * sample is checked against the real RegExp before use.
 */
import { compilePattern } from './schema.js';

type Node =
  | { kind: 'chars'; chars: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const ANY = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const WORD = ALPHA + DIGITS + '_';
const PRINTABLE = WORD + '-./:@ ';
const SPACE = ' ';

export interface SampleOptions {
  random: () => number;
  /** How many times an unbounded quantifier (`*`, `+`, `{n,}`) repeats beyond its minimum. */
  extra?: number;
  minLength?: number;
  maxLength?: number;
}

/** A string matching `pattern` (and the length bounds), or undefined when none was found. */
export function samplePattern(pattern: string, options: SampleOptions): string | undefined {
  const regex = compilePattern(pattern);
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return undefined;
  }
  const extras = repeatCounts(options);
  for (let attempt = 0; attempt < extras.length * 2; attempt += 1) {
    const text = generate(tree, options.random, extras[attempt % extras.length]);
    const length = [...text].length;
    if (options.minLength !== undefined && length < options.minLength) continue;
    if (options.maxLength !== undefined && length > options.maxLength) continue;
    if (!regex || regex.test(text)) return text;
  }
  return undefined;
}

/** Repeat counts to try, including ones that reach the length bounds with a single open quantifier. */
function repeatCounts(options: SampleOptions): number[] {
  const counts = options.extra !== undefined ? [options.extra, 1, 3, 8, 0] : [3, 1, 8, 0, 20];
  for (const bound of [options.minLength, options.maxLength]) {
    if (bound !== undefined && bound < 300) counts.push(bound - 1, bound, bound + 1, Math.floor(bound / 2));
  }
  return [...new Set(counts.filter((count) => count >= 0))];
}

function generate(node: Node, random: () => number, extra: number): string {
  switch (node.kind) {
    case 'chars':
      return node.chars === '' ? '' : pick(node.chars, random);
    case 'seq':
      return node.items.map((item) => generate(item, random, extra)).join('');
    case 'alt':
      return generate(node.options[Math.floor(random() * node.options.length)], random, extra);
    case 'repeat': {
      const count = Math.min(node.max, node.min + extra);
      let out = '';
      for (let i = 0; i < count; i += 1) out += generate(node.node, random, extra);
      return out;
    }
  }
}

function pick(chars: string, random: () => number): string {
  const readable = [...chars].filter((c) => /[a-z0-9]/.test(c));
  const pool = readable.length > 0 ? readable : [...chars];
  return pool[Math.floor(random() * pool.length)];
}

class Parser {
  #pos = 0;
  readonly #src: string;

  constructor(src: string) {
    this.#src = src;
  }

  parse(): Node {
    const node = this.#alternation();
    if (this.#pos < this.#src.length) throw new Error('unbalanced pattern');
    return node;
  }

  #alternation(): Node {
    const options = [this.#sequence()];
    while (this.#src[this.#pos] === '|') {
      this.#pos += 1;
      options.push(this.#sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  #sequence(): Node {
    const items: Node[] = [];
    while (this.#pos < this.#src.length && !'|)'.includes(this.#src[this.#pos])) {
      const atom = this.#atom();
      if (atom) items.push(this.#quantified(atom));
    }
    return { kind: 'seq', items };
  }

  #atom(): Node | undefined {
    const c = this.#src[this.#pos++];
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return { kind: 'chars', chars: ANY };
    if (c === '[') return { kind: 'chars', chars: this.#charClass() };
    if (c === '\\' && 'AzZ'.includes(this.#src[this.#pos])) {
      this.#pos += 1; // Java's input anchors (java-regex.ts) match no character
      return undefined;
    }
    if (c === '\\') return { kind: 'chars', chars: this.#escape() };
    if (c === '(') return this.#group();
    return { kind: 'chars', chars: c };
  }

  #group(): Node | undefined {
    let lookaround = false;
    if (this.#src[this.#pos] === '?') {
      const marker = this.#src.slice(this.#pos, this.#pos + 3);
      lookaround = /^\?<?[=!]/.test(marker);
      const named = /^\?<([A-Za-z]\w*)>/.exec(this.#src.slice(this.#pos));
      this.#pos += named ? named[0].length : marker.startsWith('?<') ? 3 : 2;
    }
    const inner = this.#alternation();
    if (this.#src[this.#pos] !== ')') throw new Error('unclosed group');
    this.#pos += 1;
    return lookaround ? undefined : inner;
  }

  #quantified(atom: Node): Node {
    const rest = this.#src.slice(this.#pos);
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let min = 1;
    let max = 1;
    if (rest[0] === '?') [min, max] = [0, 1];
    else if (rest[0] === '*') [min, max] = [0, Infinity];
    else if (rest[0] === '+') [min, max] = [1, Infinity];
    else if (brace) {
      min = Number(brace[1]);
      max = brace[2] === undefined ? min : brace[3] === '' ? Infinity : Number(brace[3]);
    } else return atom;
    this.#pos += brace ? brace[0].length : 1;
    if (this.#src[this.#pos] === '?' || this.#src[this.#pos] === '+') this.#pos += 1;
    return { kind: 'repeat', node: atom, min, max };
  }

  #escape(): string {
    const c = this.#src[this.#pos++];
    const classes: Record<string, string> = { d: DIGITS, w: WORD, s: SPACE, D: ALPHA, W: '-', S: WORD };
    if (c in classes) return classes[c];
    if (c === 'p' || c === 'P') {
      const end = this.#src.indexOf('}', this.#pos);
      const name = this.#src.slice(this.#pos + 1, end);
      this.#pos = end + 1;
      return c === 'P' ? '-' : /^N|Nd/.test(name) ? DIGITS : /^L|Alpha|Alnum/.test(name) ? ALPHA : WORD;
    }
    if (c === 'u') return this.#hex(4);
    if (c === 'x') return this.#hex(2);
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'r') return '\r';
    return c;
  }

  #hex(length: number): string {
    const code = this.#src.slice(this.#pos, this.#pos + length);
    this.#pos += length;
    return String.fromCharCode(parseInt(code, 16));
  }

  #charClass(): string {
    const negate = this.#src[this.#pos] === '^';
    if (negate) this.#pos += 1;
    let chars = '';
    let first = true;
    while (this.#pos < this.#src.length && (this.#src[this.#pos] !== ']' || first)) {
      first = false;
      let start = this.#src[this.#pos++];
      if (start === '\\') {
        const escaped = this.#escape();
        if (escaped.length > 1) {
          chars += escaped;
          continue;
        }
        start = escaped;
      }
      chars += this.#rangeFrom(start);
    }
    this.#pos += 1;
    return negate ? [...PRINTABLE].filter((c) => !chars.includes(c)).join('') : chars;
  }

  #rangeFrom(start: string): string {
    if (this.#src[this.#pos] !== '-' || this.#src[this.#pos + 1] === ']' || this.#pos + 1 >= this.#src.length) return start;
    this.#pos += 1;
    let end = this.#src[this.#pos++];
    if (end === '\\') end = this.#escape()[0];
    let out = '';
    const from = start.codePointAt(0)!;
    const to = Math.min(end.codePointAt(0)!, from + 400);
    for (let code = from; code <= to; code += 1) out += String.fromCodePoint(code);
    return out;
  }
}
