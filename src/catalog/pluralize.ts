/**
 * English pluralisation of a snake_case resource name with the npm `pluralize` package, the one
 * StackQL's generator calls, so table names match StackQL's (`index` → `indices`, `status` →
 * `statuses`, `metadata` stays, a name already ending in `s` stays: `dhcp_options`, `terms`).
 * The whole snake_case name is one word to the package: its whole-word exceptions apply to the
 * whole name only (`data` stays, and so does `image_data` but by the `-data` suffix rule), its
 * suffix rules to the end of the name.
 */

import pluralizePackage from 'pluralize';

/**
 * Whole names StackQL pluralises differently from the package. StackQL says `schemas`, not the
 * package's `schemata` (which would also read like SQL's information_schema).
 */
const STACKQL_PLURALS: Readonly<Record<string, string>> = Object.freeze({ schema: 'schemas' });

export function pluralize(name: string): string {
  const word = name.toLowerCase();
  return Object.hasOwn(STACKQL_PLURALS, word) ? (STACKQL_PLURALS[word] as string) : pluralizePackage.plural(word);
}
