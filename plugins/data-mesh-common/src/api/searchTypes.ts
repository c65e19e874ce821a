/**
 * The Backstage search document type of data products, as the search
 * module indexes them and the frontend's result item recognises them.
 *
 * @public
 */
export const DATA_PRODUCT_SEARCH_TYPE = 'data-product';

/**
 * What a `data-product` search document holds beside the title, text and
 * location of every search document. Every key is present (empty when the
 * entity has no value): the Lunr engine indexes the keys of the first
 * document it is given.
 *
 * @public
 */
export type DataProductSearchFields = {
  /** `dataproduct:<namespace>/<name>`. */
  entityRef: string;
  kind: 'DataProduct';
  namespace: string;
  name: string;
  domain: string;
  /** The owner's entity ref as the descriptor gives it. */
  owner: string;
  lifecycle: string;
  /** `spec.sla.tier`. */
  tier: string;
  /** `spec.sla.freshness`, ISO-8601. */
  freshness: string;
  classification: string;
  /** The value schema's `<subject> v<version>`, empty when none is known. */
  schema: string;
  /** Dotted paths of the value schema's fields. */
  fields: string[];
  /**
   * The fields again for full-text search: path, the words in it and doc,
   * one line per field.
   */
  fieldText: string;
};
