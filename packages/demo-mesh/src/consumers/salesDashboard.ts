import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { ProductSales, SalesLeaderboard } from './salesLeaderboard';

/** The consumer group named by the sales-dashboard component's annotation. */
export const SALES_DASHBOARD_GROUP = 'sales-dashboard';

export interface SalesDashboard {
  /** Records read so far. */
  read(): number;
  leaderboard: SalesLeaderboard;
  stop(): Promise<void>;
}

/**
 * The sales dashboard's backend: reads recent sales by product with its
 * own consumer group. It redraws every `refreshMs` and fetches nothing in
 * between (its partitions pause), like a dashboard polling on a timer, so
 * its group is always somewhat behind the end of the topic: the lag the
 * portal shows. The lag stays bounded, unlike a consumer that is simply
 * slower than the producer.
 */
export async function startSalesDashboard(options: {
  kafka: Kafka;
  registry: SchemaRegistry;
  topic: string;
  groupId: string;
  refreshMs?: number;
}): Promise<SalesDashboard> {
  const { kafka, registry, topic, groupId, refreshMs = 15_000 } = options;
  const leaderboard = new SalesLeaderboard();
  const resumes = new Set<NodeJS.Timeout>();
  let read = 0;

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    eachBatch: async ({ batch, pause }) => {
      for (const message of batch.messages) {
        if (!message.value) continue;
        leaderboard.add((await registry.decode(message.value)) as ProductSales);
        read++;
      }
      const resume = pause();
      const timer = setTimeout(() => {
        resumes.delete(timer);
        resume();
      }, refreshMs);
      resumes.add(timer);
    },
  });

  return {
    leaderboard,
    read: () => read,
    async stop() {
      for (const timer of resumes) clearTimeout(timer);
      await consumer.disconnect();
    },
  };
}
