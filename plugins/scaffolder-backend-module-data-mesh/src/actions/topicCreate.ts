import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkPartitions,
  checkRetention,
  checkTopicName,
  CLEANUP_POLICIES,
  CleanupPolicy,
  formatViolations,
  GovernanceViolation,
  parseIsoDuration,
  SLA_TIERS,
  SlaTier,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createTopics,
  DataMeshClients,
  DataProductWriter,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  describeDifferences,
  readTopicSettings,
  TopicSettings,
} from '../lib/topicSettings';
import { untilAvailable } from '../lib/untilAvailable';
import { examples } from './topicCreate.examples';

/** Kafka's own limits on topic names. */
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

interface TopicRequest {
  topic: string;
  domain: string;
  name: string;
  partitions?: number;
  slaTier: SlaTier;
  retention?: string;
  cleanupPolicy?: CleanupPolicy;
}

/**
 * The settings a topic gets, all but the replication factor (which depends
 * on the brokers), or an InputError naming every rule the request breaks.
 */
function plannedSettings(
  request: TopicRequest,
  clients: DataMeshClients,
): Omit<TopicSettings, 'replicationFactor'> {
  const { rules } = clients;
  const defaults = rules.topicDefaults[request.slaTier];
  if (!defaults) {
    throw new InputError(
      `slaTier '${request.slaTier}' is not one of ${SLA_TIERS.join(', ')}`,
    );
  }
  const partitions = request.partitions ?? rules.partitions.default;
  const retention = request.retention ?? defaults.retention;
  const cleanupPolicy = request.cleanupPolicy ?? defaults.cleanupPolicy;

  const problems: string[] = [];
  if (!LEGAL_TOPIC.test(request.topic)) {
    problems.push(
      `topic '${request.topic}' may only hold letters, digits, '.', '_' and '-', at most 249 of them`,
    );
  }
  if (!Number.isInteger(partitions)) {
    problems.push(`partitions must be a whole number, not ${partitions}`);
  }
  if (!(CLEANUP_POLICIES as readonly string[]).includes(cleanupPolicy)) {
    problems.push(
      `cleanupPolicy '${cleanupPolicy}' is not one of ${CLEANUP_POLICIES.join(
        ', ',
      )}`,
    );
  }
  let retentionMs = NaN;
  try {
    retentionMs = parseIsoDuration(retention);
  } catch (error) {
    problems.push(`retention: ${(error as Error).message}`);
  }
  const domain = parseEntityRef(request.domain, { defaultKind: 'Domain' }).name;
  const violations: GovernanceViolation[] = [
    ...checkTopicName(request.topic, { domain, name: request.name }, rules),
    ...checkPartitions(partitions, rules),
    ...(Number.isNaN(retentionMs) ? [] : checkRetention(retention, rules)),
  ];
  problems.push(...violations.map(v => formatViolations([v])));
  if (problems.length > 0) {
    throw new InputError(
      `The topic '${request.topic}' cannot be created:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
  }
  return { partitions, retentionMs, cleanupPolicy };
}

/**
 * `kafka:topic:create`: creates a product's topic on a configured cluster,
 * sized and configured by the governance rules. Running it again with the
 * same settings changes nothing; an existing topic with other settings is
 * refused, never altered.
 */
export function createTopicCreateAction(options: {
  writer: DataProductWriter;
}) {
  const { writer } = options;
  const { clients } = writer;
  return createTemplateAction({
    id: 'kafka:topic:create',
    description:
      'Creates a Kafka topic on a configured cluster, following the governance rules: topic naming, partition bounds, replication and the retention and cleanup policy of the SLA tier. Does nothing when the topic exists with the same settings.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe(
              'Name of a cluster configured under dataMesh.kafka.clusters',
            ),
        topic: z => z.string().describe('The topic to create'),
        domain: z =>
          z.string().describe('The domain of the product, for the naming rule'),
        name: z =>
          z.string().describe('The name of the product, for the naming rule'),
        partitions: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Defaults to dataMesh.governance.partitions.default'),
        slaTier: z =>
          z
            .enum(SLA_TIERS)
            .describe('Picks the default retention and cleanup policy'),
        retention: z =>
          z
            .string()
            .optional()
            .describe('ISO-8601 duration; defaults to the tier default'),
        cleanupPolicy: z =>
          z
            .enum(CLEANUP_POLICIES)
            .optional()
            .describe('Defaults to the tier default'),
      },
      output: {
        cluster: z => z.string(),
        topic: z => z.string(),
        partitions: z => z.number(),
        replicationFactor: z => z.number(),
        retentionMs: z => z.number(),
        cleanupPolicy: z => z.string(),
        created: z =>
          z.boolean().describe('false when the topic existed already'),
      },
    },
    async handler(ctx) {
      const { cluster, topic } = ctx.input;
      clients.cluster(cluster);
      const planned = plannedSettings(ctx.input, clients);
      // Someone else's product's topic is theirs to change.
      await writer.assertMayWriteTopic(
        cluster,
        topic,
        await ctx.getInitiatorCredentials(),
      );

      // Creating is idempotent (the same settings are "nothing to do"), so
      // an outage is waited out rather than failing the task half-way.
      const { settings, created } = await untilAvailable(
        () =>
          clients.withAdmin(cluster, async admin => {
            const { brokers } = await admin.describeCluster();
            const wanted: TopicSettings = {
              ...planned,
              replicationFactor: Math.min(
                clients.rules.replicationFactor,
                brokers.length,
              ),
            };
            // Same settings: nothing to do. Other settings: refused, never altered.
            const settle = (existing: TopicSettings) => {
              const differences = describeDifferences(existing, wanted);
              if (differences.length > 0) {
                throw new ConflictError(
                  `The topic '${topic}' exists on the cluster '${cluster}' with other settings: ${differences.join(
                    '; ',
                  )}. Choose another topic name (e.g. the next major version) or align the input with the topic`,
                );
              }
              ctx.logger.info(
                `The topic '${topic}' exists with the same settings; nothing to do`,
              );
              return { settings: existing, created: false };
            };
            const existing = await readTopicSettings(admin, topic);
            if (existing) return settle(existing);
            if (ctx.isDryRun) {
              ctx.logger.info(`Dry run: would create the topic '${topic}'`);
              return { settings: wanted, created: false };
            }
            const made = await createTopics(admin, {
              topics: [
                {
                  topic,
                  numPartitions: wanted.partitions,
                  replicationFactor: wanted.replicationFactor,
                  configEntries: [
                    { name: 'retention.ms', value: String(wanted.retentionMs) },
                    { name: 'cleanup.policy', value: wanted.cleanupPolicy },
                  ],
                },
              ],
            });
            if (!made) {
              // Created by someone else between the check and now.
              return settle((await readTopicSettings(admin, topic))!);
            }
            ctx.logger.info(
              `Created the topic '${topic}' on the cluster '${cluster}'`,
            );
            return { settings: wanted, created: true };
          }),
        {
          signal: ctx.signal,
          onRetry: error => ctx.logger.warn(`${error.message}; trying again`),
        },
      );

      ctx.output('cluster', cluster);
      ctx.output('topic', topic);
      ctx.output('partitions', settings.partitions);
      ctx.output('replicationFactor', settings.replicationFactor);
      ctx.output('retentionMs', settings.retentionMs);
      ctx.output('cleanupPolicy', settings.cleanupPolicy);
      ctx.output('created', created);
    },
  });
}
