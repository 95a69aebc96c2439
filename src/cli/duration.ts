import { CcsqlError } from '../errors.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `300`, `300ms`, `30s`, `5m`, `1h` → milliseconds; `off` and `0` → 0. Plain numbers are seconds. */
export function parseDuration(text: string, what: string): number {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value);
  if (!match) throw new CcsqlError('INVALID_ARGUMENT', `${what} "${text}" is not a duration: write it like 30s, 5m or 1h.`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
}
