/**
 * The anchored SQL of a stackql-deploy `.iql` file: a line `/*+ anchor, option=value, … *\/` starts a
 * section, and the text up to the next such line is its template. Anchor names and options as
 * stackql-deploy-rs reads them (src/core/templating.rs): names lower-cased, `preflight` and
 * `postdeploy` the old names of `exists` and `statecheck`, integer options as numbers.
 *
 * Stricter on purpose: an anchor name nobody runs is refused with its file and line (stackql-deploy
 * keeps it and ignores it, so a typo such as `statechek` silently turns a check off), and so is a
 * second section with the same anchor (stackql-deploy lets the later one win).
 */
import { deployInput } from './errors.js';

export const ANCHORS = ['exists', 'create', 'update', 'createorupdate', 'statecheck', 'exports', 'delete', 'callback', 'troubleshoot', 'command'] as const;
export type AnchorName = (typeof ANCHORS)[number];

const ALIASES: Readonly<Record<string, AnchorName>> = { preflight: 'exists', postdeploy: 'statecheck' };
/** Anchors that may name the operation they follow: `callback:create`, `troubleshoot:delete`. */
const PER_OPERATION = new Set<string>(['callback', 'troubleshoot']);
const OPERATIONS = new Set(['create', 'update', 'delete']);

export interface AnchorOptions {
  /** Attempts of a state check (stackql-deploy's count), default 1. */
  readonly retries: number;
  /** Seconds between attempts, default 0. */
  readonly retryDelay: number;
  readonly [key: string]: string | number;
}

export interface Anchor {
  /** `exists`, …, or `callback:create` for an operation-specific section. */
  readonly key: string;
  readonly sql: string;
  readonly options: AnchorOptions;
  /** The file and the 1-based line of the anchor comment, for messages. */
  readonly file: string;
  readonly line: number;
}

export type AnchorSet = ReadonlyMap<string, Anchor>;

const HEADER = /^\s*\/\*\+(.*?)\*\/\s*$/;

export function parseAnchors(text: string, file: string): AnchorSet {
  const anchors = new Map<string, Anchor>();
  const lines = text.split(/\r?\n/);
  let current: { key: string; options: AnchorOptions; line: number; body: string[] } | undefined;
  const close = () => {
    if (current) anchors.set(current.key, Object.freeze({ key: current.key, sql: current.body.join('\n').trim(), options: current.options, file, line: current.line }));
  };
  lines.forEach((raw, index) => {
    const header = HEADER.exec(raw);
    if (!header) {
      if (current) current.body.push(raw);
      else if (raw.trim() !== '' && !raw.trim().startsWith('--')) throw deployInput(file, index + 1, 'holds SQL before its first anchor; start each section with a line such as /*+ exists */');
      return;
    }
    close();
    const { key, options } = readHeader(header[1]!, file, index + 1);
    if (anchors.has(key)) throw deployInput(file, index + 1, `has a second /*+ ${key} */ section (the first is at line ${anchors.get(key)!.line}); keep one`);
    current = { key, options, line: index + 1, body: [] };
  });
  close();
  return anchors;
}

function readHeader(inside: string, file: string, line: number): { key: string; options: AnchorOptions } {
  const [head = '', ...rest] = inside.split(',').map((part) => part.trim());
  const [nameRaw = '', operation] = head.toLowerCase().split(':');
  const name = ALIASES[nameRaw] ?? nameRaw;
  if (!(ANCHORS as readonly string[]).includes(name)) {
    throw deployInput(file, line, `has an unknown anchor /*+ ${head} */; the anchors are ${ANCHORS.join(', ')} (preflight and postdeploy as old names of exists and statecheck)`);
  }
  if (operation !== undefined && (!PER_OPERATION.has(name) || !OPERATIONS.has(operation))) {
    throw deployInput(file, line, `has /*+ ${head} */, but only callback and troubleshoot take an operation, one of create, update, delete`);
  }
  const options: Record<string, string | number> = { retries: 1, retryDelay: 0 };
  for (const part of rest) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw deployInput(file, line, `has the anchor option "${part}", which is not key=value (e.g. retries=5)`);
    const optionKey = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const numeric = /^-?\d+$/.test(value) ? Number(value) : value;
    options[optionKey === 'retry_delay' ? 'retryDelay' : optionKey] = numeric;
  }
  for (const counted of ['retries', 'retryDelay'] as const) {
    if (typeof options[counted] !== 'number' || (options[counted] as number) < 0) {
      throw deployInput(file, line, `has ${counted === 'retries' ? 'retries' : 'retry_delay'}=${options[counted]}, which must be a whole number 0 or more`);
    }
  }
  return { key: operation ? `${name}:${operation}` : name, options: Object.freeze(options) as AnchorOptions };
}

/** `callback:create` if the file has one, else the bare `callback`. */
export function anchorFor(anchors: AnchorSet, name: 'callback' | 'troubleshoot', operation: 'create' | 'update' | 'delete'): Anchor | undefined {
  return anchors.get(`${name}:${operation}`) ?? anchors.get(name);
}
