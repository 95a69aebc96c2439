/**
 * Template variables from `--var KEY=VALUE` and `--vars FILE` (a JSON object, or simple YAML
 * `key: value` / `KEY=VALUE` lines). `--var` wins over the file.
 */
import { readFileSync } from 'node:fs';
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
  if (/^\s*\{/.test(text)) return parseJsonVars(path, text);
  return parseLineVars(path, text);
}

function parseJsonVars(path: string, text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new CcsqlError('INVALID_ARGUMENT', `Vars file "${path}" is not valid JSON: ${(error as Error).message}`);
  }
  throw new CcsqlError('INVALID_ARGUMENT', `Vars file "${path}" must hold a JSON object.`);
}

function parseLineVars(path: string, text: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#|$)/.test(line) || line.trim() === '---') return;
    const match = /^\s*([A-Za-z_][\w.-]*)\s*[:=]\s?(.*)$/.exec(line);
    if (!match || /^\s/.test(line)) {
      throw new CcsqlError('INVALID_ARGUMENT', `Vars file "${path}" line ${index + 1} is not "key: value" or KEY=VALUE; nested values need a JSON file.`);
    }
    vars[match[1]!] = scalar(match[2]!.trim());
  });
  return vars;
}

function scalar(raw: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  if (quoted) return quoted[1] === '"' ? (JSON.parse(raw) as string) : quoted[2]!.replace(/''/g, "'");
  return parseVarValue(raw);
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
