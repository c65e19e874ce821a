import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  OUTPUT_FORMATS,
  type CandidateStream,
} from '@kafka-mesh/plugin-data-mesh-common';
import { examples } from './listCandidateStreams.examples';

/**
 * `catalog:list-candidate-streams`: the topics that could be published as
 * data products, the same list as `GET /api/catalog/data-mesh/candidate-streams`
 * (which the publish-existing-stream template's picker shows), for any
 * signed-in caller as that route is. Kafka or the registry away:
 * ServiceUnavailableError naming which, as the route's 503.
 */
export function createListCandidateStreamsAction(options: {
  actionsRegistry: ActionsRegistryService;
  candidates: () => Promise<CandidateStream[]>;
}) {
  const { actionsRegistry, candidates } = options;
  actionsRegistry.register({
    name: 'list-candidate-streams',
    title: 'List candidate streams',
    description:
      "Lists the Kafka topics that could be published as data products: they have a value schema registered under <topic>-value and no data product publishes them yet (internal topics left out). Each with its cluster, topic, schema subject and format (avro, json or protobuf). To make one a data product, write a DataProduct descriptor for it and check it with the data mesh's validate-data-product.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              cluster: z.string().describe('The configured cluster name'),
              topic: z.string(),
              subject: z.string().describe('The value schema subject'),
              format: z.enum(OUTPUT_FORMATS),
            }),
          ),
        }),
    },
    action: async () => ({ output: { items: await candidates() } }),
  });
}
