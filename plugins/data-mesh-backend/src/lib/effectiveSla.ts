import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  computeEffectiveSla,
  DataProductEntity,
  EffectiveSla,
  EffectiveSlaField,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  type CatalogReader,
  loadUpstream,
} from '@kafka-mesh/plugin-data-mesh-node';

/** The promise a product can keep, with why it is weaker than declared. */
export interface ProductEffectiveSla extends EffectiveSla {
  /** The upstream product behind each field weaker than declared. */
  limitedBy: Partial<Record<EffectiveSlaField, string>>;
  /** One sentence per field where the declared promise cannot be kept. */
  warnings: string[];
  /** Inputs that could not be counted (not published, or not visible). */
  missingInputs: string[];
  /**
   * `observed`: as the catalog provider computed it for a published
   * product, which is what the product page shows; `computed`: from the
   * catalog now, for a product the provider has not observed (hand-written).
   */
  basis: 'observed' | 'computed';
}

/**
 * The effective SLA, weakest link over the product and everything upstream
 * of it: the product page's (the provider's `spec.observed`) when there is
 * one, else computed with the same rule from the products the catalog holds,
 * as the reader may see them.
 */
export async function effectiveSlaOf(
  entity: DataProductEntity,
  reader: CatalogReader,
): Promise<ProductEffectiveSla> {
  const observed = entity.spec.observed;
  if (observed?.effectiveSla) {
    return {
      ...observed.effectiveSla,
      limitedBy: observed.limitedBy ?? {},
      warnings: observed.slaWarnings ?? [],
      missingInputs: observed.missingInputs ?? [],
      basis: 'observed',
    };
  }
  const selfRef = stringifyEntityRef(entity);
  const read = await loadUpstream(reader, entity);
  const sla = computeEffectiveSla(selfRef, ref => {
    if (ref === selfRef) return entity;
    const found = read.get(ref);
    return found && isDataProductEntity(found) ? found : undefined;
  });
  return {
    ...sla.effective,
    limitedBy: sla.limitedBy,
    warnings: sla.warnings,
    missingInputs: sla.missingInputs,
    basis: 'computed',
  };
}
