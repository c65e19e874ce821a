import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_KIND,
  DATA_QUALITIES,
  DataProductEntity,
  isDataProductEntity,
  SLA_TIERS,
  statusOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { examples } from './findDataProducts.examples';
import { canonicalRef, ownerRefOf } from './refs';
import { withUpstreamErrors } from './upstreamErrors';

/** Products per answer when the caller does not say. */
export const DEFAULT_FIND_LIMIT = 20;
/** The most products one answer holds. */
export const MAX_FIND_LIMIT = 100;
/** Descriptions are cut to this length: the answer goes into a prompt. */
const MAX_DESCRIPTION = 300;

/**
 * Where the text is looked for. The catalog matches a case-insensitive
 * substring of any of them; it indexes values of up to 200 characters,
 * so a longer description is not searched.
 */
const TEXT_FIELDS = [
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.output.topic',
];

/**
 * Only what the answer shows is read from the catalog (not the relations,
 * which grow with the consumers: the owner comes from `spec.owner`, as the
 * catalog's `ownedBy` relation does).
 */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.owner',
  'spec.domain',
  'spec.lifecycle',
  'spec.status',
  'spec.output',
  'spec.sla.tier',
  'spec.sla.freshness',
  'spec.quality',
  'spec.classification',
];

function domainRefOf(entity: DataProductEntity): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(entity.spec.domain, {
        defaultKind: 'domain',
        defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return entity.spec.domain;
  }
}

function summaryOf(entity: DataProductEntity) {
  const { metadata, spec } = entity;
  const description = metadata.description?.trim();
  return {
    entityRef: stringifyEntityRef(entity),
    name: metadata.name,
    ...(metadata.title && { title: metadata.title }),
    ...(description && {
      description:
        description.length > MAX_DESCRIPTION
          ? `${description.slice(0, MAX_DESCRIPTION - 1)}…`
          : description,
    }),
    owner: ownerRefOf(entity),
    domain: domainRefOf(entity),
    status: statusOf(entity),
    lifecycle: spec.lifecycle,
    tier: spec.sla.tier,
    freshness: spec.sla.freshness,
    ...(spec.quality && { quality: spec.quality }),
    ...(spec.classification && { classification: spec.classification }),
    topic: spec.output.topic,
    tags: metadata.tags ?? [],
  };
}

/**
 * `data-mesh:find-data-products`: the catalog's data products that match
 * the given text and facets, as the caller may see them (the catalog is
 * asked with the caller's credentials, so its read permission applies).
 * At most {@link MAX_FIND_LIMIT} per answer, with the number that match.
 */
export function createFindDataProductsAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  secrets: readonly string[];
}) {
  const { actionsRegistry, catalog, secrets } = options;
  actionsRegistry.register({
    name: 'find-data-products',
    title: 'Find data products',
    description: `Searches the data mesh's data products (Kafka streams with an owner, an SLA and a schema) in the software catalog. Every filter is optional and they combine with AND: text is a word or phrase found in the name, title, tags, topic or (short) description; domain and owner are entity refs or plain names (owner 'checkout-team' means group:default/checkout-team); tier, quality and classification are exact values. Returns at most 'limit' products (default ${DEFAULT_FIND_LIMIT}, at most ${MAX_FIND_LIMIT}), sorted by name, with totalItems the number that match. Use get-data-product-contract with an entityRef for a product's full contract (SLA, schema, lineage, on-call).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples,
    schema: {
      input: z =>
        z.object({
          text: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .optional()
            .describe(
              'A word or phrase to look for in the name, title, tags, topic or description, case-insensitive',
            ),
          domain: z
            .string()
            .min(1)
            .max(300)
            .optional()
            .describe(
              "The domain, e.g. 'checkout' or 'domain:default/checkout'",
            ),
          owner: z
            .string()
            .min(1)
            .max(300)
            .optional()
            .describe(
              "The owning group (or user), e.g. 'checkout-team' or 'group:default/checkout-team'",
            ),
          tier: z
            .enum(SLA_TIERS)
            .optional()
            .describe('SLA tier; tier-1 is the strongest promise'),
          quality: z.enum(DATA_QUALITIES).optional(),
          classification: z.enum(DATA_CLASSIFICATIONS).optional(),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_FIND_LIMIT)
            .optional()
            .describe(
              `How many products to return at most (default ${DEFAULT_FIND_LIMIT})`,
            ),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              entityRef: z
                .string()
                .describe(
                  'The catalog ref, for get-data-product-contract, e.g. dataproduct:default/orders-placed',
                ),
              name: z.string(),
              title: z.string().optional(),
              description: z.string().optional(),
              owner: z.string().describe('The owning group or user'),
              domain: z.string(),
              status: z.string().describe('active, draft, deprecated, ...'),
              lifecycle: z.string(),
              tier: z.string(),
              freshness: z
                .string()
                .describe(
                  'Freshness SLA: the newest record is at most this old (ISO-8601 duration)',
                ),
              quality: z.string().optional(),
              classification: z.string().optional(),
              topic: z.string(),
              tags: z.array(z.string()),
            }),
          ),
          totalItems: z
            .number()
            .describe('How many products match, including those not returned'),
        }),
    },
    action: async ({ input, credentials }) =>
      withUpstreamErrors(secrets, async () => {
        // One condition per key, all of them to hold.
        const filter: Record<string, string> = { kind: DATA_PRODUCT_KIND };
        if (input.domain) {
          filter['relations.partOf'] = canonicalRef(input.domain, 'domain', [
            'domain',
          ]);
        }
        if (input.owner) {
          filter['relations.ownedBy'] = canonicalRef(input.owner, 'owner', [
            'group',
            'user',
          ]);
        }
        if (input.tier) filter['spec.sla.tier'] = input.tier;
        if (input.quality) filter['spec.quality'] = input.quality;
        if (input.classification) {
          filter['spec.classification'] = input.classification;
        }
        const { items, totalItems } = await catalog.queryEntities(
          {
            filter,
            fields: FIELDS,
            limit: input.limit ?? DEFAULT_FIND_LIMIT,
            orderFields: { field: 'metadata.name', order: 'asc' },
            ...(input.text && {
              fullTextFilter: { term: input.text, fields: TEXT_FIELDS },
            }),
          },
          { credentials },
        );
        return {
          output: {
            items: items.filter(isDataProductEntity).map(summaryOf),
            totalItems,
          },
        };
      }),
  });
}
