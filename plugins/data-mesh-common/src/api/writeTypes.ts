import type { EffectiveSla } from '../sla';

/**
 * `PUT /api/data-mesh/products/:namespace/:name`: published (201) or updated (200).
 *
 * @public
 */
export interface PublishProductResponse {
  entityRef: string;
  /** The product page, /catalog/<ns>/dataproduct/<name>. */
  entityPath: string;
  /** Whether the product was published before. */
  updated: boolean;
  /** The weakest promise over the product and its inputs. */
  effectiveSla: EffectiveSla;
  slaWarnings: string[];
}

/**
 * `POST /api/data-mesh/products/:namespace/:name/deprecate`.
 *
 * @public
 */
export interface DeprecateProductResponse {
  entityRef: string;
  /** Owners of the consumers who were notified. */
  notified: string[];
  /**
   * Why the consumers' owners could not be told; the product is deprecated
   * all the same, and `notified` is empty.
   */
  notificationProblem?: string;
}

/**
 * `DELETE /api/data-mesh/products/:namespace/:name`.
 *
 * @public
 */
export interface UnpublishProductResponse {
  entityRef: string;
}
