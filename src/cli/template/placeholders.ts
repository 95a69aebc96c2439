/**
 * Whether SQL holds `{{ … }}` or `{% … %}` placeholders: the one question every run asks, kept apart
 * from the renderer (render.ts), which only SQL that has some needs to load.
 */
export function hasPlaceholders(sql: string): boolean {
  return /\{\{[\s\S]*?\}\}|\{%/.test(sql);
}
