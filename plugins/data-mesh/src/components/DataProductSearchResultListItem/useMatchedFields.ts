import {
  useSearch,
  useSearchContextCheck,
} from '@backstage/plugin-search-react';

/**
 * The fields whose path contains a word of the search term, so that a
 * result found by a field says which. Case-insensitive, on the path's
 * text: `email` matches `contact.customerEmail`.
 */
export function matchedFields(
  fields: readonly string[],
  term: string,
): string[] {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(w => w.length >= 2);
  if (!words.length) return [];
  return fields.filter(path => {
    const lower = path.toLowerCase();
    return words.some(word => lower.includes(word));
  });
}

/**
 * {@link matchedFields} for the term of the surrounding search; none
 * outside a search context (a result rendered on its own).
 */
export function useMatchedFields(fields: readonly string[]): string[] {
  // Whether there is a context does not change during a component's life.
  const inSearch = useSearchContextCheck();
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const term = inSearch ? useSearch().term : '';
  return matchedFields(fields, term);
}
