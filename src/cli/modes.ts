/** Output modes, as sqlite3's `.mode` names them; `text` is StackQL's name for the table mode. */
export const OUTPUT_MODES = ['table', 'json', 'ndjson', 'csv', 'markdown', 'line'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
export const MODE_ALIASES: Readonly<Record<string, OutputMode>> = Object.freeze({ text: 'table' });
export const MODE_CHOICES: readonly string[] = [...OUTPUT_MODES, ...Object.keys(MODE_ALIASES)];

export function toMode(name: string): OutputMode | undefined {
  const lower = name.toLowerCase();
  if ((OUTPUT_MODES as readonly string[]).includes(lower)) return lower as OutputMode;
  return MODE_ALIASES[lower];
}
