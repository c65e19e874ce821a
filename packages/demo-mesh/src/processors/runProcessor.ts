import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { DemoRecord, ProductName } from '../mesh/productNames';
import type { RecordSender } from '../RecordSender';

/** A stream processor: what it reads, and what it makes of it. */
export interface ProcessorDefinition {
  /** Consumer group name (before the topic prefix), e.g. `demo-mesh.recent-sales`. */
  group: string;
  /** The derived product it writes; its descriptor lists `inputs` as `spec.inputs`. */
  output: ProductName;
  inputs: ProductName[];
  /**
   * Inputs read from the beginning on every start, to rebuild an in-memory
   * table (the group's committed offsets are ignored for them).
   */
  replayInputs?: ProductName[];
  /** One decoded input record in, output records out. */
  onRecord(input: ProductName, value: any, timestamp: number): DemoRecord[];
  /** Called every `tickMs`: windowed processors emit from here. */
  onTick?(now: number): DemoRecord[];
  tickMs?: number;
}

export interface RunningProcessor {
  group: string;
  /** Input records processed so far. */
  processed(): number;
  stop(): Promise<void>;
}

export interface ProcessorContext {
  kafka: Kafka;
  registry: SchemaRegistry;
  sender: RecordSender;
  /** The consumer group id for a group name (applies the topic prefix). */
  groupId(group: string): string;
  log(line: string): void;
}

/**
 * Runs a processor as a kafkajs consumer group: decodes every input record
 * through the schema registry, and sends what the processor makes of it
 * through the {@link RecordSender}. A record that cannot be decoded or
 * processed is logged and skipped, so one bad record cannot stall the
 * stream.
 */
export async function runProcessor(
  definition: ProcessorDefinition,
  context: ProcessorContext,
): Promise<RunningProcessor> {
  const { kafka, registry, sender } = context;
  const topics = new Map(definition.inputs.map(i => [sender.topicOf(i), i]));
  const consumer = kafka.consumer({
    groupId: context.groupId(definition.group),
    maxWaitTimeInMs: 1000,
  });
  let processed = 0;
  let failures = 0;
  const skip = (problem: string) => {
    // Logged once per 100 so a poisoned stream cannot flood the terminal.
    if (failures++ % 100 === 0) {
      context.log(`${definition.group}: skipped a record: ${problem}`);
    }
  };

  await consumer.connect();
  await consumer.subscribe({ topics: [...topics.keys()], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const input = topics.get(batch.topic)!;
      const outputs: DemoRecord[] = [];
      for (const message of batch.messages) {
        if (message.value) {
          try {
            const value = await registry.decode(message.value);
            outputs.push(
              ...definition.onRecord(input, value, Number(message.timestamp)),
            );
            processed++;
          } catch (error) {
            skip(
              `${batch.topic}@${message.offset}: ${(error as Error).message}`,
            );
          }
        }
        resolveOffset(message.offset);
      }
      await sender.send(outputs);
      await heartbeat();
    },
  });
  if (definition.replayInputs?.length) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const input of definition.replayInputs) {
        const topic = sender.topicOf(input);
        for (const { partition, low } of await admin.fetchTopicOffsets(topic)) {
          consumer.seek({ topic, partition, offset: low });
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  let ticking = Promise.resolve();
  const timer = definition.onTick
    ? setInterval(() => {
        ticking = ticking
          .then(() => sender.send(definition.onTick!(Date.now())))
          .catch(error =>
            context.log(
              `${definition.group}: could not send: ${
                (error as Error).message
              }`,
            ),
          );
      }, definition.tickMs ?? 5000)
    : undefined;

  return {
    group: definition.group,
    processed: () => processed,
    async stop() {
      if (timer) clearInterval(timer);
      await ticking;
      await consumer.disconnect();
    },
  };
}
