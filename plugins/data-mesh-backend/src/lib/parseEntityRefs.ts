import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DATA_PRODUCT_KIND,
  MAX_FRESHNESS_ENTITY_REFS,
} from '@kafka-mesh/plugin-data-mesh-common';

/** A DataProduct ref as the caller wrote it, and in canonical form. */
export interface RequestedProductRef {
  requested: string;
  ref: string;
}

/**
 * The `entityRefs` of a batch request body: at most
 * {@link MAX_FRESHNESS_ENTITY_REFS} DataProduct refs (kind and namespace may
 * be left out), each kept once.
 *
 * @throws InputError naming the first offending ref and why
 */
export function parseProductRefs(body: unknown): RequestedProductRef[] {
  const raw = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (!Array.isArray(raw)) {
    throw new InputError(
      'The request body must be JSON of the form {"entityRefs": ["dataproduct:<namespace>/<name>", …]}',
    );
  }
  if (raw.length > MAX_FRESHNESS_ENTITY_REFS) {
    throw new InputError(
      `entityRefs holds ${raw.length} refs; at most ${MAX_FRESHNESS_ENTITY_REFS} are allowed per request`,
    );
  }
  const refs = new Map<string, RequestedProductRef>();
  raw.forEach((requested: unknown, i) => {
    if (typeof requested !== 'string' || requested.trim() === '') {
      throw new InputError(`entityRefs[${i}] must be a non-empty string`);
    }
    let ref: string;
    try {
      const parsed = parseEntityRef(requested, {
        defaultKind: DATA_PRODUCT_KIND,
        defaultNamespace: 'default',
      });
      ref = stringifyEntityRef(parsed);
      if (parsed.kind.toLocaleLowerCase('en-US') !== 'dataproduct') {
        throw new Error(`its kind is ${parsed.kind}, not ${DATA_PRODUCT_KIND}`);
      }
    } catch (error) {
      throw new InputError(
        `entityRefs[${i}] '${requested}' is not a DataProduct ref: ${
          (error as Error).message
        }`,
      );
    }
    refs.set(requested, { requested, ref });
  });
  return [...refs.values()];
}
