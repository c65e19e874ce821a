import type {
  DataClassification,
  DataQuality,
  SlaTier,
} from '@kafka-mesh/plugin-data-mesh-common';

/** The input of find-data-products, as its schema reads it. */
export interface FindDataProductsInput {
  text?: string;
  domain?: string;
  owner?: string;
  tier?: SlaTier;
  quality?: DataQuality;
  classification?: DataClassification;
  limit?: number;
}

export const examples: Array<{
  title: string;
  description: string;
  input: FindDataProductsInput;
}> = [
  {
    title: 'Products about orders',
    description:
      'Every product whose name, title, tags, topic or description mentions orders',
    input: { text: 'orders' },
  },
  {
    title: "A team's tier-1 products",
    description:
      'The products the checkout team owns that promise the strongest SLA',
    input: { owner: 'checkout-team', tier: 'tier-1' },
  },
  {
    title: 'Curated internal data of a domain',
    description:
      'Curated products of the customers domain that anyone in the company may use, the first ten',
    input: {
      domain: 'customers',
      quality: 'curated',
      classification: 'internal',
      limit: 10,
    },
  },
];
