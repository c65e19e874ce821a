import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import {
  DataProductEntity,
  ObservedProcessorLineage,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-lineage-${run}`;
const orders = `orders-${run}`;
const customers = `customers-${run}`;
const report = `report-${run}`;
const topicOf = (name: string) => `it.${name}.v1`;
/** A topic the processor reads that is no declared input (and no product). */
const scratchTopic = `it.scratch-${run}`;
const processorGroup = `it-report-processor-${run}`;

jest.setTimeout(120_000);

function relationsOf(entity: AlphaEntity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

describe('observed against declared lineage on the real broker', () => {
  const kafka = fixtureKafka();
  let admin: Admin;
  let producer: Producer;
  let catalog: TestCatalog;
  const topics = [topicOf(orders), topicOf(customers), topicOf(report)];

  /** The processor group commits offset 1 on partition 0 of a topic. */
  const commit = async (topic: string) => {
    await producer.send({ topic, messages: [{ value: 'x', partition: 0 }] });
    await admin.setOffsets({
      groupId: processorGroup,
      topic,
      partitions: [{ partition: 0, offset: '1' }],
    });
  };

  const reportEntity = () =>
    catalog.entity(`dataproduct:default/${report}`) as Promise<
      AlphaEntity | undefined
    >;
  const lineageOf = (entity: AlphaEntity | undefined) =>
    (entity as DataProductEntity | undefined)?.spec.observed?.lineage;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [...topics, scratchTopic].map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    await ensureRegistryTopic(admin, registryTopic);
    producer = kafka.producer();
    await producer.connect();
    catalog = await startTestCatalog({ registryUrl, registryTopic });
    for (const descriptor of [
      makeDataProduct(orders, topicOf(orders)),
      makeDataProduct(customers, topicOf(customers)),
      makeDataProduct(report, topicOf(report), {
        inputs: [
          `dataproduct:default/${orders}`,
          `dataproduct:default/${customers}`,
        ],
        processor: { consumerGroups: [processorGroup] },
      }),
    ]) {
      await publishDescriptor(producer, registryTopic, descriptor);
    }
  }, 120_000);

  afterAll(async () => {
    await catalog?.stop();
    await producer?.disconnect();
    await admin
      ?.deleteTopics({ topics: [...topics, scratchTopic, registryTopic] })
      .catch(() => undefined);
    await admin?.deleteGroups([processorGroup]).catch(() => undefined);
    await admin?.disconnect();
  });

  it('flags both drifts, attributes the group to the product, and clears a drift once the input is read', async () => {
    // The group reads one declared input and one undeclared topic.
    await commit(topicOf(orders));
    await commit(scratchTopic);
    const drifting = await eventually(async () => {
      const found = await reportEntity();
      expect(lineageOf(found)).toEqual<ObservedProcessorLineage>({
        cluster: 'local',
        activeGroups: [processorGroup],
        declaredNotRead: [
          {
            input: `dataproduct:default/${customers}`,
            topic: topicOf(customers),
          },
        ],
        readNotDeclared: [{ topic: scratchTopic }],
      });
      return found!;
    });
    expect(
      drifting.status?.items
        ?.filter(i => i.type === 'kafka-mesh.io/lineage-drift')
        .map(i => [i.level, i.message]),
    ).toEqual([
      [
        'warning',
        `spec.inputs: dataproduct:default/${customers} is declared but the processor's consumer groups do not read its topic '${topicOf(
          customers,
        )}'`,
      ],
      [
        'warning',
        `spec.inputs: the processor's consumer groups read '${scratchTopic}', which no declared input publishes`,
      ],
    ]);
    // The processor is a consumer of what it reads, as the derived product.
    const input = await catalog.entity(`dataproduct:default/${orders}`);
    expect(relationsOf(input, 'dependencyOf')).toEqual([
      `dataproduct:default/${report}`,
    ]);

    // Now it reads the missing input too: that drift goes away.
    await commit(topicOf(customers));
    const reading = await eventually(async () => {
      const found = await reportEntity();
      expect(lineageOf(found)?.declaredNotRead).toEqual([]);
      return found!;
    });
    expect(lineageOf(reading)?.readNotDeclared).toEqual([
      { topic: scratchTopic },
    ]);
    expect(
      reading.status?.items
        ?.filter(i => i.type === 'kafka-mesh.io/lineage-drift')
        .map(i => i.message),
    ).toEqual([
      `spec.inputs: the processor's consumer groups read '${scratchTopic}', which no declared input publishes`,
    ]);
  });
});
