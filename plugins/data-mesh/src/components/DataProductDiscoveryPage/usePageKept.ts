import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { EntityFilter, useEntityList } from '@backstage/plugin-catalog-react';

/** The page size asked of the catalog at most, whatever the URL says. */
export const MAX_PAGE_SIZE = 100;

function offsetIn(search: string): number {
  const offset = Number.parseInt(
    new URLSearchParams(search).get('offset') ?? '',
    10,
  );
  return Number.isFinite(offset) && offset > 0 ? offset : 0;
}

/**
 * The filters as the URL holds them, one string, order aside; the kind is
 * left out (the page fixes it, whatever a link says).
 */
function filtersKey(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([key, value]) => key !== 'kind' && value !== undefined)
    .map(([key, value]) => {
      const list = [value].flat().filter(v => v !== undefined && v !== '');
      return `${key}=${list.map(String).sort().join(',')}`;
    })
    .filter(entry => !entry.endsWith('='))
    .sort()
    .join('&');
}

function queryValuesOf(filters: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filters as Record<string, EntityFilter | undefined>).map(
      ([key, filter]) => [key, filter?.toQueryValue?.()],
    ),
  );
}

/**
 * Keeps the page (`offset`) the user chose, or the one a shared link
 * names, until the filters really change; and the page size within
 * `MAX_PAGE_SIZE`.
 *
 * Why: `EntityListProvider` goes back to the first page on every
 * `updateFilters` call, and the catalog's pickers call it when they mount
 * and again when their options arrive, with the same values. A link to
 * page 2 of a filtered view would open on page 1, and a click on "next
 * page" before the last picker's options loaded would be undone. While
 * the filters in effect are those the page was chosen with, it is set
 * again; a filter with another value starts from the first page, as the
 * provider does.
 */
export function usePageKept(): { onPageChosen: (offset: number) => void } {
  const { filters, queryParameters, offset, setOffset, limit, setLimit } =
    useEntityList();
  const location = useLocation();
  const [linkOffset] = useState(() => offsetIn(location.search));
  const current = filtersKey(queryValuesOf(filters));
  // The page wanted, and the filters it belongs to. A link's filters are
  // those of its URL, which the pickers apply one by one after mounting.
  const wanted = useRef({
    offset: linkOffset,
    filters: filtersKey(queryParameters),
    fromLink: linkOffset > 0,
  });

  useEffect(() => {
    if (limit > MAX_PAGE_SIZE) {
      setLimit(MAX_PAGE_SIZE);
    }
  }, [limit, setLimit]);

  useEffect(() => {
    const want = wanted.current;
    if (current === want.filters) {
      want.fromLink = false;
      if ((offset ?? 0) !== want.offset) {
        setOffset?.(want.offset);
      }
    } else if (!want.fromLink) {
      // Another filter value: the provider went back to the first page.
      wanted.current = { offset: 0, filters: current, fromLink: false };
    }
  }, [current, filters, offset, setOffset]);

  return {
    onPageChosen: (chosen: number) => {
      wanted.current = { offset: chosen, filters: current, fromLink: false };
      setOffset?.(chosen);
    },
  };
}
