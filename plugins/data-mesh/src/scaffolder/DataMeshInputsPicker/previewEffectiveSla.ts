import {
  DATA_MESH_API_VERSION,
  DATA_PRODUCT_KIND,
  DataProductEntity,
  EffectiveSla,
  EffectiveSlaField,
  ISO_DURATION_PATTERN,
  SLA_TIERS,
  SUPPORT_HOURS,
  computeEffectiveSla,
  toDataProductRef,
} from '@kafka-mesh/plugin-data-mesh-common';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** The effective SLA of the product being created, as the form stands. */
export type SlaPreview = {
  /** The weakest-link fields the owner has declared validly so far. */
  declared: Partial<EffectiveSla>;
  /** Whether all of tier, availability, freshness and support hours are declared. */
  complete: boolean;
  /**
   * Per field, the weaker of the declared value and what the inputs allow;
   * for a field not declared yet, what the inputs allow (absent when no
   * input limits it).
   */
  effective: Partial<EffectiveSla>;
  /** The upstream product behind each field the inputs limit. */
  limitedBy: Partial<Record<EffectiveSlaField, string>>;
  /** One sentence per declared field the inputs cannot back; only once the SLA is complete. */
  warnings: string[];
  /** Chosen inputs (or their upstream) that are not in the catalog. */
  missingInputs: string[];
};

// The product being created is not in the catalog: it joins the lookup under
// a namespace no real product uses.
const NEW_PRODUCT = { namespace: 'data-mesh-preview', name: 'new-product' };
const NEW_PRODUCT_REF = toDataProductRef(
  `${NEW_PRODUCT.namespace}/${NEW_PRODUCT.name}`,
);

// Stands in for a field the owner has not declared yet: nothing is stronger,
// so the effective value is exactly what the inputs allow.
const STRONGEST: EffectiveSla = {
  tier: SLA_TIERS[0],
  availability: 100,
  freshness: 'PT0S',
  supportHours: SUPPORT_HOURS[0],
};

const FIELDS = Object.keys(STRONGEST) as EffectiveSlaField[];
const DURATION = new RegExp(ISO_DURATION_PATTERN);

/** The valid weakest-link fields of the SLA object the form holds. */
export function declaredSlaOf(value: unknown): Partial<EffectiveSla> {
  const sla = (typeof value === 'object' && value !== null ? value : {}) as {
    [K in EffectiveSlaField]?: unknown;
  };
  const declared: Partial<EffectiveSla> = {};
  const tier = SLA_TIERS.find(t => t === sla.tier);
  if (tier) declared.tier = tier;
  if (
    typeof sla.availability === 'number' &&
    sla.availability >= 0 &&
    sla.availability <= 100
  ) {
    declared.availability = sla.availability;
  }
  if (typeof sla.freshness === 'string' && DURATION.test(sla.freshness)) {
    declared.freshness = sla.freshness;
  }
  const supportHours = SUPPORT_HOURS.find(h => h === sla.supportHours);
  if (supportHours) declared.supportHours = supportHours;
  return declared;
}

/**
 * Applies the weakest-link rule of `computeEffectiveSla` to a product that
 * does not exist yet: the declared SLA from the form, built from the chosen
 * inputs, over the catalog's products (which carry their own inputs, so
 * limits from further upstream count too).
 */
export function previewEffectiveSla(
  products: DataProductEntity[],
  inputs: string[],
  slaFormValue: unknown,
): SlaPreview {
  const declared = declaredSlaOf(slaFormValue);
  const complete = FIELDS.every(field => declared[field] !== undefined);
  const newProduct: DataProductEntity = {
    apiVersion: DATA_MESH_API_VERSION,
    kind: DATA_PRODUCT_KIND,
    metadata: { ...NEW_PRODUCT },
    spec: {
      owner: '',
      domain: '',
      lifecycle: 'experimental',
      output: { cluster: '', topic: '', format: 'avro' },
      inputs,
      sla: { ...STRONGEST, ...declared, onCall: '' },
    },
  };
  const byRef = new Map(
    products.map(p => [toDataProductRef(stringifyEntityRef(p)), p]),
  );
  const result = computeEffectiveSla(NEW_PRODUCT_REF, ref =>
    ref === NEW_PRODUCT_REF ? newProduct : byRef.get(ref),
  );

  const effective = Object.fromEntries(
    FIELDS.filter(
      field => declared[field] !== undefined || result.limitedBy[field],
    ).map(field => [field, result.effective[field]]),
  ) as Partial<EffectiveSla>;
  return {
    declared,
    complete,
    effective,
    limitedBy: result.limitedBy,
    warnings: complete ? result.warnings : [],
    missingInputs: result.missingInputs,
  };
}
