/**
 * Template variables from `--var KEY=VALUE` and `--vars FILE`. A file is YAML read by the `yaml`
 * package (anchors and merge keys, block scalars, quoted keys, flow style, so JSON too), or lines of
 * `KEY=VALUE` as a .env file has them. `--var` wins over the file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { CcsqlError } from '../../errors.js';

/** A `--var` value stays text unless it is plainly JSON structure (`[…]`, `{…}`, true, false, null). */
export function parseVarValue(raw: string): unknown {
  if (!/^\s*[[{]/.test(raw) && !['true', 'false', 'null'].includes(raw)) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function parseVarOption(option: string): [string, unknown] {
  const at = option.indexOf('=');
  if (at <= 0) throw new CcsqlError('INVALID_ARGUMENT', `Option --var "${option}" must look like KEY=VALUE.`);
  return [option.slice(0, at).trim(), parseVarValue(option.slice(at + 1))];
}

export function readVarsFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `Vars file "${path}" cannot be read: ${(error as Error).message}`, {}, { cause: error });
  }
  return isKeyValueFile(text) ? parseKeyValueLines(text) : parseYamlVars(path, text);
}

const COMMENT_OR_BLANK = /^\s*(#|$)/;
const KEY_VALUE_LINE = /^([A-Za-z_][\w.-]*)\s*=\s?(.*)$/;

/** A file whose every line is a comment, blank or `KEY=VALUE` (YAML would read it as one string). */
function isKeyValueFile(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => !COMMENT_OR_BLANK.test(line));
  return lines.length > 0 && lines.every((line) => KEY_VALUE_LINE.test(line));
}

function parseKeyValueLines(text: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = KEY_VALUE_LINE.exec(line);
    if (match) vars[match[1]!] = scalar(match[2]!.trim());
  }
  return vars;
}

/** `KEY="a b"` and `KEY='it''s'` are the quoted text; anything else is read as `--var` reads it. */
function scalar(raw: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  if (quoted) return quoted[1] === '"' ? (JSON.parse(raw) as string) : quoted[2]!.replace(/''/g, "'");
  return parseVarValue(raw);
}

const WAY_OUT = 'write "key: value" lines (YAML), a JSON object, or KEY=VALUE lines';

function parseYamlVars(path: string, text: string): Record<string, unknown> {
  const { LineCounter, parseDocument, isMap } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true });
  const [error] = doc.errors;
  if (error) {
    const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    throw malformed(path, error.linePos?.[0].line, `is not valid YAML (${reason})`);
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw malformed(path, lines.linePos(doc.contents.range[0]).line, 'must hold a mapping of names to values, not a list or a single value');
  }
  checkAliases(path, doc, lines);
  try {
    return doc.toJS() as Record<string, unknown>;
  } catch (cause) {
    throw new CcsqlError('INVALID_ARGUMENT', `Vars file "${path}" cannot be read as values: ${(cause as Error).message}; ${WAY_OUT}.`, { file: path }, { cause });
  }
}

/** An alias to an anchor not defined before it: named with its line here rather than by toJS. */
function checkAliases(path: string, doc: Document, lines: LineCounter): void {
  const { visit, isAlias } = yaml();
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        throw malformed(path, node.range ? lines.linePos(node.range[0]).line : undefined, `uses the alias *${node.source}, whose anchor &${node.source} is not defined before it`);
      }
    },
  });
}

function malformed(path: string, line: number | undefined, what: string): CcsqlError {
  const where = line === undefined ? `Vars file "${path}"` : `Vars file "${path}" line ${line}`;
  return new CcsqlError('INVALID_ARGUMENT', `${where} ${what}: ${WAY_OUT}.`, { file: path, ...(line === undefined ? {} : { line }) });
}

export function collectVars(files: readonly string[], options: readonly string[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const file of files) Object.assign(vars, readVarsFile(file));
  for (const option of options) {
    const [key, value] = parseVarOption(option);
    vars[key] = value;
  }
  return vars;
}

/** The yaml package, loaded only when a --vars file is read: start-up stays light. */
function yaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
