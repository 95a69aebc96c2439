/**
 * Registry schemas are validated by AWS in Java (everit-json-schema over java.util.regex), and some
 * patterns use Java syntax JavaScript reads differently or not at all: `\A` and `\z` (start and end
 * of input; in a non-unicode JavaScript RegExp they are the letters A and z, so
 * AWS::Rekognition::Collection, ::Project, ::StreamProcessor and AWS::DataSync::LocationSMB would
 * refuse every valid value), `\Z` (end of input before a final line break), `\x{60}` (a code point),
 * inline `(?s)` / `(?i)` flags and an anchor with a quantifier (`${1,256}`). This rewrites them into
 * the JavaScript equivalents, outside character classes. An inline `(?i)` is applied to the whole
 * pattern, a superset of Java's reading, since this Node has no scoped modifiers.
 */

export interface TranslatedPattern {
  readonly source: string;
  readonly flags: string;
}

export function translateJavaPattern(pattern: string): TranslatedPattern {
  let out = '';
  const flags = new Set<string>();
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      const hex = /^x\{([0-9A-Fa-f]+)\}/.exec(pattern.slice(i + 1));
      if (hex) {
        out += `\\u{${hex[1]}}`;
        flags.add('u');
        i += hex[0].length;
        continue;
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += '(?=\\n?$)';
      else out += c + next;
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) {
        const literal = pattern[i + 1] === ']' ? ']' : '^]';
        out += literal;
        i += literal.length;
      }
      continue;
    }
    const inline = /^\(\?([si]+)\)/.exec(pattern.slice(i));
    if (inline) {
      for (const flag of inline[1]) flags.add(flag);
      i += inline[0].length - 1;
      continue;
    }
    const anchorRepeat = /^\$\{\d+(,\d*)?\}/.exec(pattern.slice(i));
    if (anchorRepeat) {
      out += '$';
      i += anchorRepeat[0].length - 1;
      continue;
    }
    out += c;
  }
  return { source: out, flags: [...flags].sort().join('') };
}
