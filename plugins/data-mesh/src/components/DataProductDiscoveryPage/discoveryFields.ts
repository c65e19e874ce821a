import type { CatalogApi } from '@backstage/plugin-catalog-react';

/**
 * The entity fields a discovery row needs: `toRow` (title, description,
 * owner, domain, SLA tier and freshness, quality, classification,
 * lifecycle, observed topic status), `hasPii` (piiFields, tags), consumers
 * and owner (relations), the name link (kind, namespace, name), and what
 * the catalog's own pickers check again in the browser (`filterEntity` of
 * the tag, owner, lifecycle and text filters: tags, relations, lifecycle,
 * name, title).
 */
export const DISCOVERY_ENTITY_FIELDS: readonly string[] = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.owner',
  'spec.domain',
  'spec.sla',
  'spec.quality',
  'spec.classification',
  'spec.lifecycle',
  'spec.piiFields',
  'spec.observed.topic.status',
  'relations',
];

/**
 * The catalog API, but `queryEntities` asks only the given fields when the
 * caller asked for none.
 *
 * Why: `EntityListProvider` pages through the catalog with `queryEntities`
 * and has no way to pass `fields`, so each row would carry the whole entity
 * (schema, observed consumer groups, quality rules...): a page of products
 * costs several times what the table shows. Every other method, and a call
 * that names its own fields (a picker's), goes to the catalog unchanged.
 */
export function withQueryFields(
  catalogApi: CatalogApi,
  fields: readonly string[],
): CatalogApi {
  const queryEntities: CatalogApi['queryEntities'] = (request, options) =>
    catalogApi.queryEntities(
      request?.fields?.length
        ? request
        : { ...(request ?? {}), fields: [...fields] },
      options,
    );
  return new Proxy(catalogApi, {
    get(target, property) {
      if (property === 'queryEntities') {
        return queryEntities;
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
