import type { IndexedField } from './schemaFields';

/**
 * The words of a field path: its segments and the words inside each
 * (`customerEmail`, `customer_email` → `customer`, `email`), lower case.
 * Full-text engines keep `customerEmail` as one token (Lunr splits on
 * punctuation only, Postgres takes `a.b` for a host name), so without
 * them a search for `email` would not find the field.
 */
export function wordsOfPath(path: string): string[] {
  const words = new Set<string>();
  for (const segment of path.split('.')) {
    words.add(segment.toLowerCase());
    segment
      .split(
        /[^\p{L}\p{N}]+|(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u,
      )
      .filter(Boolean)
      .forEach(word => words.add(word.toLowerCase()));
  }
  return [...words];
}

/**
 * One line per field: its path, the words of the path and its doc, for
 * the engines' full-text search.
 */
export function fieldText(fields: readonly IndexedField[]): string {
  return fields
    .map(({ path, doc }) =>
      [path, ...wordsOfPath(path).filter(w => w !== path.toLowerCase()), doc]
        .filter(Boolean)
        .join(' '),
    )
    .join('\n');
}
