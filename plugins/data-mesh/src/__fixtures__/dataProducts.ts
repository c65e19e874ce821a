import type { Entity } from '@backstage/catalog-model';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { fullDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';

/**
 * A deprecated tier-1 product whose effective SLA is held back by its
 * payments input; read by two components and one downstream product.
 */
export const ordersPlaced: DataProductEntity = {
  ...fullDataProduct,
  spec: {
    ...fullDataProduct.spec,
    observed: {
      topic: {
        status: 'ok',
        partitions: 3,
        replicationFactor: 3,
        retentionMs: 604800000,
      },
      schema: {
        status: 'registered',
        subject: 'commerce.orders-placed.v1-value',
        version: 3,
        id: 42,
        format: 'avro',
        compatibility: 'BACKWARD',
      },
      effectiveSla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT15M',
        supportHours: '24x7',
      },
      limitedBy: {
        tier: 'dataproduct:default/payments-settled',
        availability: 'dataproduct:default/payments-settled',
        freshness: 'dataproduct:default/payments-settled',
      },
      slaWarnings: [
        'declared tier tier-1 is better than tier-2 from dataproduct:default/payments-settled',
        'declared availability 99.9% is better than 99.5% from dataproduct:default/payments-settled',
        'declared freshness PT5M is better than PT15M from dataproduct:default/payments-settled',
      ],
      missingInputs: [],
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    { type: 'partOf', targetRef: 'domain:default/commerce' },
    { type: 'dependsOn', targetRef: 'dataproduct:default/payments-settled' },
    { type: 'dependencyOf', targetRef: 'component:default/shipping-service' },
    { type: 'dependencyOf', targetRef: 'component:default/analytics-loader' },
    { type: 'dependencyOf', targetRef: 'dataproduct:default/orders-enriched' },
  ],
};

/** An authoritative tier-2 product without personal data. */
export const paymentsSettled: DataProductEntity = {
  apiVersion: 'kafka-mesh.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'payments-settled',
    namespace: 'default',
    title: 'Payments settled',
    description: 'Settled card payments from the PSP.',
    tags: ['payments'],
  },
  spec: {
    owner: 'group:default/payments-team',
    domain: 'payments',
    lifecycle: 'production',
    output: { cluster: 'local', topic: 'payments.settled.v1', format: 'json' },
    sla: {
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT15M',
      supportHours: '24x7',
      onCall: 'https://oncall.example.com/payments',
    },
    quality: 'authoritative',
    classification: 'restricted',
    observed: {
      topic: { status: 'ok', partitions: 6, replicationFactor: 3 },
      schema: {
        status: 'registered',
        subject: 'payments.settled.v1-value',
        version: 1,
        id: 7,
        format: 'json',
      },
      effectiveSla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT15M',
        supportHours: '24x7',
      },
      limitedBy: {},
      slaWarnings: [],
      missingInputs: [],
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/payments-team' },
    { type: 'dependencyOf', targetRef: 'dataproduct:default/orders-placed' },
  ],
};

/** An experimental tier-3 product the catalog provider has not observed yet. */
export const customerProfiles: DataProductEntity = {
  apiVersion: 'kafka-mesh.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'customer-profiles',
    namespace: 'default',
    description: 'Raw customer profile changes from the CRM.',
    tags: ['customers'],
  },
  spec: {
    owner: 'group:default/crm-team',
    domain: 'customers',
    lifecycle: 'experimental',
    output: { cluster: 'local', topic: 'crm.profiles.v0', format: 'json' },
    sla: {
      tier: 'tier-3',
      availability: 95,
      freshness: 'PT1H',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/crm',
    },
    quality: 'raw',
    classification: 'public',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/crm-team' }],
};

export const allProducts: DataProductEntity[] = [
  ordersPlaced,
  paymentsSettled,
  customerProfiles,
];

export const checkoutTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A component of the checkout team that reads payments-settled. */
export const checkoutService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    { type: 'dependsOn', targetRef: 'dataproduct:default/payments-settled' },
  ],
};
