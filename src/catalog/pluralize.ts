/**
 * English pluralisation of a snake_case resource name, matching the npm `pluralize` package that
 * StackQL's generator calls (so `index` → `indices`, `status` → `statuses`, `metadata` stays, a
 * name already ending in `s` stays: `dhcp_options`, `terms`). Whole-name exceptions apply to the
 * whole name only (`data` but not `image_data`), and suffix rules to its end, as in that package.
 * StackQL overrides `schema` → `schemas` (its `schemata` would clash with information_schema).
 */

const IRREGULAR: Readonly<Record<string, string>> = {
  i: 'we', me: 'us', he: 'they', she: 'they', them: 'them', myself: 'ourselves',
  yourself: 'yourselves', itself: 'themselves', herself: 'themselves', himself: 'themselves',
  themself: 'themselves', is: 'are', was: 'were', has: 'have', this: 'these', that: 'those',
  echo: 'echoes', dingo: 'dingoes', graffito: 'graffiti', volcano: 'volcanoes',
  tornado: 'tornadoes', torpedo: 'torpedoes', genus: 'genera', viscus: 'viscera',
  stigma: 'stigmata', stoma: 'stomata', dogma: 'dogmata', lemma: 'lemmata', schema: 'schemas',
  anathema: 'anathemata', ox: 'oxen', axe: 'axes', die: 'dice', yes: 'yeses', foot: 'feet',
  eave: 'eaves', goose: 'geese', tooth: 'teeth', quiz: 'quizzes', human: 'humans', proof: 'proofs',
  carve: 'carves', valve: 'valves', looey: 'looies', thief: 'thieves', groove: 'grooves',
  pickaxe: 'pickaxes', passerby: 'passersby',
};

const PLURALS = new Set(Object.values(IRREGULAR));

const UNCOUNTABLE = new Set(
  (
    'adulthood advice agenda aid aircraft alcohol ammo analytics anime athletics audio bison blood ' +
    'bream buffalo butter carp cash chassis chess clothing cod commerce cooperation corps debris ' +
    'diabetes digestion elk energy equipment excretion expertise firmware flounder fun gallows ' +
    'garbage hardware headquarters health herpes highjinks homework housework information jeans ' +
    'justice kudos labour literature machinery mackerel mail media mews moose music mud manga news ' +
    'only personnel pike plankton pliers police pollution premises rain research rice salmon ' +
    'scissors series sewage shambles shrimp software staff swine tennis traffic transportation ' +
    'trout tuna wealth welfare whiting wildebeest wildlife you'
  ).split(' '),
);

/** Suffix rules, first match wins. `$&` keeps the word unchanged. */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/(?:pok[eé]mon|[^aeiou]ese|deer|fish|measles|o[iu]s|pox|sheep)$/, '$&'],
  [/m[ae]n$/, 'men'],
  [/eaux$/, '$&'],
  [/(child)(?:ren)?$/, '$1ren'],
  [/(pe)(?:rson|ople)$/, '$1ople'],
  [/\b((?:tit)?m|l)(?:ice|ouse)$/, '$1ice'],
  [/(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$/, '$1ices'],
  [/(x|ch|ss|sh|zz)$/, '$1es'],
  [/([^ch][ieo][ln])ey$/, '$1ies'],
  [/([^aeiouy]|qu)y$/, '$1ies'],
  [/(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$/, '$1$2ves'],
  [/sis$/, 'ses'],
  [/(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$/, '$1a'],
  [/(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$/, '$1a'],
  [/(her|at|gr)o$/, '$1oes'],
  [/(seraph|cherub)(?:im)?$/, '$1im'],
  [/(alumn|alg|vertebr)(?:a|ae)$/, '$1ae'],
  [/(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$/, '$1i'],
  [/([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$/, '$1'],
  [/(e[mn]u)s?$/, '$1s'],
  [/(alias|[^aou]us|t[lm]as|gas|ris)$/, '$1es'],
  [/(ax|test)is$/, '$1es'],
  [/[^\u0000-\u007F]$/, '$&'],
  [/s?$/, 's'],
];

export function pluralize(name: string): string {
  const word = name.toLowerCase();
  if (PLURALS.has(word)) return word;
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word] as string;
  if (word === '' || UNCOUNTABLE.has(word)) return word;
  for (const [pattern, replacement] of RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}
