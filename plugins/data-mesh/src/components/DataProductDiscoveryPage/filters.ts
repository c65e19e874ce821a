import { parseEntityRef } from '@backstage/catalog-model';
import type {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';

type CatalogQuery = ReturnType<NonNullable<EntityFilter['getCatalogQuery']>>;
type Predicate = NonNullable<CatalogQuery>;

/**
 * A filter on one field of the DataProduct spec, for an
 * `EntityAutocompletePicker`: the catalog does the filtering (the query
 * predicate goes to the backend with the page request), and the values go
 * into the URL (`filters[<name>]=...`) so that a filtered view can be
 * shared. A subclass names the field.
 */
abstract class SpecFieldFilter implements EntityFilter {
  protected abstract readonly path: string;

  constructor(readonly values: string[]) {}

  getCatalogQuery(): CatalogQuery {
    if (this.values.length === 0) {
      return undefined;
    }
    const value =
      this.values.length === 1 ? this.values[0] : { $in: this.values };
    // A computed key widens the object past what the predicate type allows.
    return { [this.path]: value } as CatalogQuery;
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** `spec.domain` is one of the values. */
export class DomainFilter extends SpecFieldFilter {
  protected readonly path = 'spec.domain';
}

/** `spec.sla.tier` is one of the values. */
export class SlaTierFilter extends SpecFieldFilter {
  protected readonly path = 'spec.sla.tier';
}

/** `spec.quality` is one of the values. */
export class QualityFilter extends SpecFieldFilter {
  protected readonly path = 'spec.quality';
}

/** `spec.classification` is one of the values. */
export class ClassificationFilter extends SpecFieldFilter {
  protected readonly path = 'spec.classification';
}

/**
 * Whether a product carries personal data, as `hasPii` judges it: it lists
 * `spec.piiFields` or is tagged `pii`. Both are in the catalog's index, so
 * the catalog filters (an empty `piiFields` list has no index row, as it
 * has no PII for `hasPii`).
 */
export class PiiFilter implements EntityFilter {
  constructor(readonly value: 'yes' | 'no') {}

  getCatalogQuery(): CatalogQuery {
    const listsPiiFields: Predicate = { 'spec.piiFields': { $exists: true } };
    const taggedPii: Predicate = { 'metadata.tags': { $contains: 'pii' } };
    const hasPii: Predicate = { $any: [listsPiiFields, taggedPii] };
    return this.value === 'yes' ? hasPii : { $not: hasPii };
  }

  toQueryValue(): string {
    return this.value;
  }
}

/**
 * Products the contract monitor finds failing now. The status lives in the
 * data mesh backend, not the catalog: the picker asks the backend for the
 * failing products' refs, and the catalog then pages those (by namespace
 * and name), so the filter stays server-side like the others.
 */
export class FailingChecksFilter implements EntityFilter {
  constructor(readonly entityRefs: readonly string[]) {}

  getCatalogQuery(): CatalogQuery {
    if (this.entityRefs.length === 0) {
      // Every entity has a name: this matches none.
      return { $not: { 'metadata.name': { $exists: true } } };
    }
    const byRef = this.entityRefs.map((ref): Predicate => {
      const { namespace, name } = parseEntityRef(ref);
      const inNamespace: Predicate = { 'metadata.namespace': namespace };
      const named: Predicate = { 'metadata.name': name };
      return { $all: [inNamespace, named] };
    });
    return { $any: byRef };
  }

  toQueryValue(): string {
    return 'failing';
  }
}

/** The filters of the discovery page: the catalog's own and ours. */
export type DataProductFilters = DefaultEntityFilters & {
  domain?: DomainFilter;
  tier?: SlaTierFilter;
  quality?: QualityFilter;
  classification?: ClassificationFilter;
  pii?: PiiFilter;
  checks?: FailingChecksFilter;
};
