/**
 * A resource's `if`, rendered then read as stackql-deploy-rs reads it (evaluate_simple_condition):
 * `true`/`false`, `'a' == 'b'`, `'a' != 'b'`, `'a' in ['a', 'b']`, and here also `not in`, which
 * stackql-deploy-rs splits at ` in ` and so never reaches. Anything else is refused with its line.
 */
import { deployInput } from './errors.js';

const QUOTED = /^\s*(['"])(.*)\1\s*$/;

function operand(text: string): string {
  const quoted = QUOTED.exec(text);
  return quoted ? quoted[2]! : text.trim();
}

export function evaluateCondition(rendered: string, file: string, line: number): boolean {
  const text = rendered.trim();
  if (/^(true|True)$/.test(text)) return true;
  if (/^(false|False)$/.test(text)) return false;
  const comparison = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(text);
  if (comparison) return (operand(comparison[1]!) === operand(comparison[3]!)) === (comparison[2] === '==');
  const membership = /^(.*?)\s+(not\s+in|in)\s+\[(.*)\]$/.exec(text);
  if (membership) {
    const items = membership[3]!.split(',').map(operand).filter((item) => item !== '');
    return items.includes(operand(membership[1]!)) === !/^not/.test(membership[2]!);
  }
  throw deployInput(file, line, `has an if that reads "${text}", which is none of true, false, a == b, a != b, a in [..], a not in [..]`);
}
