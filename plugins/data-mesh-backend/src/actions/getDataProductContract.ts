import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProductEntity,
  schemaSubjectOf,
  statusOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { effectiveSlaOf } from '../lib/effectiveSla';
import { findProduct } from '../lib/findProduct';
import { productLineage } from '../lib/productLineage';
import type { SchemaService } from '../lib/SchemaService';
import { examples } from './getDataProductContract.examples';
import { canonicalRef, ownerRefOf } from './refs';
import { withUpstreamErrors } from './upstreamErrors';

/** The owner's name and address, when the caller may see its entity. */
async function ownerOf(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entity: DataProductEntity,
) {
  const entityRef = ownerRefOf(entity);
  const owner = await catalog
    .getEntityByRef(entityRef, { credentials })
    .catch(() => undefined);
  const profile = (owner?.spec as { profile?: Record<string, unknown> })
    ?.profile;
  const title = owner?.metadata.title ?? profile?.displayName;
  const email = profile?.email;
  return {
    entityRef,
    ...(typeof title === 'string' && { title }),
    ...(typeof email === 'string' && { email }),
  };
}

/** The latest registered schema of the product's subject; null when none. */
async function latestSchemaOf(
  schemas: SchemaService,
  entity: DataProductEntity,
) {
  try {
    const latest = await schemas.version(
      schemaSubjectOf(entity),
      'latest',
      entity.spec.piiFields ?? [],
    );
    return {
      subject: latest.subject,
      version: latest.version,
      id: latest.id,
      format: latest.format,
      fields: latest.fields,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * `data-mesh:get-data-product-contract`: what a consumer relies on, in one
 * answer: owner and on-call, the declared and the effective SLA, the latest
 * schema's fields and the product's lineage. The product is looked up with
 * the caller's credentials, as the REST routes do: one the caller may not
 * see is not found.
 */
export function createGetDataProductContractAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  schemas: SchemaService;
  secrets: readonly string[];
}) {
  const { actionsRegistry, catalog, schemas, secrets } = options;
  actionsRegistry.register({
    name: 'get-data-product-contract',
    title: 'Get the contract of a data product',
    description:
      'The contract of one data product: its owner and where to page them (on-call, support hours, response time), the SLA it declares and the effective SLA it can keep (the weakest over the product and every product upstream of it, with the products that limit it), its output (Kafka cluster, topic, format), the latest registered schema (subject, version, format and the fields with their types, PII fields marked), its lineage (declared inputs, upstream and downstream products, consuming components), quality, classification and any deprecation. Fails with NotFoundError for a product that does not exist or that the caller may not see. Find products and their entityRefs with find-data-products.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(300)
            .describe(
              "The product's entity ref, e.g. dataproduct:default/orders-placed; kind and namespace may be left out (orders-placed)",
            ),
        }),
      output: z => {
        const effective = {
          tier: z.string(),
          availability: z.number().describe('Percent of time readable'),
          freshness: z
            .string()
            .describe('Maximum age of the newest record, ISO-8601 duration'),
          supportHours: z.string(),
        };
        return z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          description: z.string().optional(),
          status: z.string().describe('active, draft, deprecated or retired'),
          lifecycle: z.string(),
          domain: z.string(),
          owner: z.object({
            entityRef: z.string(),
            title: z.string().optional(),
            email: z.string().optional(),
          }),
          onCall: z.object({
            url: z.string().describe('Where to page the owner'),
            supportHours: z.string(),
            responseTime: z
              .string()
              .optional()
              .describe('Time to first response, ISO-8601 duration'),
          }),
          output: z.object({
            cluster: z.string(),
            topic: z.string(),
            format: z.string(),
            subject: z.string().describe('The schema registry subject'),
          }),
          sla: z
            .object({
              ...effective,
              retention: z.string().optional(),
              responseTime: z.string().optional(),
              onCall: z.string(),
            })
            .describe('The SLA the owner declares'),
          effectiveSla: z
            .object({
              ...effective,
              limitedBy: z
                .record(z.string())
                .describe(
                  'Per field weaker than declared, the upstream product that limits it',
                ),
              warnings: z.array(z.string()),
              missingInputs: z
                .array(z.string())
                .describe('Inputs that could not be counted'),
              basis: z
                .enum(['observed', 'computed'])
                .describe(
                  'observed: as the product page shows it; computed: from the catalog now, for a product the catalog provider does not observe',
                ),
            })
            .describe(
              'The SLA the product can keep: the weakest over it and everything upstream',
            ),
          quality: z.string().optional(),
          classification: z.string().optional(),
          piiFields: z.array(z.string()),
          deprecation: z
            .object({
              sunset: z.string(),
              reason: z.string(),
              replacement: z.string().optional(),
            })
            .optional(),
          schema: z
            .object({
              subject: z.string(),
              version: z.number(),
              id: z.number(),
              format: z.string(),
              fields: z.array(
                z.object({
                  path: z.string(),
                  type: z.string(),
                  doc: z.string().optional(),
                  default: z.string().optional(),
                  nullable: z.boolean(),
                  pii: z.boolean(),
                }),
              ),
            })
            .nullable()
            .describe(
              'The latest registered schema; null when none is registered under the subject',
            ),
          lineage: z.object({
            inputs: z.array(z.string()),
            upstreamProducts: z.array(z.string()),
            downstreamProducts: z.array(z.string()),
            consumingComponents: z.array(z.string()),
            missingInputs: z
              .array(z.string())
              .describe(
                'Declared inputs that are not published (or that the caller may not see)',
              ),
          }),
        });
      },
    },
    action: async ({ input, credentials }) =>
      withUpstreamErrors(secrets, async () => {
        const { namespace, name } = parseEntityRef(
          canonicalRef(input.entityRef, 'entityRef', ['DataProduct']),
        );
        const { entity, ref } = await findProduct(
          catalog,
          credentials,
          namespace,
          name,
        );
        const { metadata, spec } = entity;
        const [owner, effectiveSla, schema] = await Promise.all([
          ownerOf(catalog, credentials, entity),
          effectiveSlaOf(entity, { catalog, credentials }),
          latestSchemaOf(schemas, entity),
        ]);
        return {
          output: {
            entityRef: ref,
            ...(metadata.title && { title: metadata.title }),
            ...(metadata.description && { description: metadata.description }),
            status: statusOf(entity),
            lifecycle: spec.lifecycle,
            domain: spec.domain,
            owner,
            onCall: {
              url: spec.sla.onCall,
              supportHours: spec.sla.supportHours,
              ...(spec.sla.responseTime && {
                responseTime: spec.sla.responseTime,
              }),
            },
            output: {
              cluster: spec.output.cluster,
              topic: spec.output.topic,
              format: spec.output.format,
              subject: schemaSubjectOf(entity),
            },
            sla: spec.sla,
            effectiveSla,
            ...(spec.quality && { quality: spec.quality }),
            ...(spec.classification && {
              classification: spec.classification,
            }),
            piiFields: spec.piiFields ?? [],
            ...(spec.deprecation && { deprecation: spec.deprecation }),
            schema,
            lineage: {
              ...productLineage(entity),
              missingInputs: effectiveSla.missingInputs,
            },
          },
        };
      }),
  });
}
