import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Message, Producer } from 'kafkajs';
import type { DemoProduct } from './mesh/demoProducts';
import type { DemoRecord, ProductName } from './mesh/productNames';

/**
 * Encodes demo records with their product's latest registered schema
 * (Confluent wire format) and sends them, one request per call whatever
 * the number of topics. Counts what it sent per product.
 */
export class RecordSender {
  private readonly schemaIds = new Map<string, number>();
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly producer: Producer,
    private readonly registry: SchemaRegistry,
    private readonly products: DemoProduct[],
  ) {}

  /** Looks up every product's schema id once, before the first send. */
  async init(): Promise<void> {
    await Promise.all(
      this.products.map(async p =>
        this.schemaIds.set(
          p.name,
          await this.registry.getLatestSchemaId(p.subject),
        ),
      ),
    );
  }

  async send(records: DemoRecord[]): Promise<void> {
    if (records.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const product = this.productOf(record.product);
      const value = await this.registry.encode(
        this.schemaIds.get(product.name)!,
        record.value,
      );
      const messages = byTopic.get(product.topic) ?? [];
      messages.push({
        key: record.key,
        value,
        timestamp: String(record.timestamp),
      });
      byTopic.set(product.topic, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({
        topic,
        messages,
      })),
    });
    for (const record of records) {
      this.sent.set(record.product, (this.sent.get(record.product) ?? 0) + 1);
    }
  }

  /** Records sent so far, per product name. */
  sentCounts(): ReadonlyMap<string, number> {
    return this.sent;
  }

  topicOf(name: ProductName): string {
    return this.productOf(name).topic;
  }

  private productOf(name: string): DemoProduct {
    const product = this.products.find(p => p.name === name);
    if (!product) throw new Error(`No demo product named '${name}'`);
    return product;
  }
}
