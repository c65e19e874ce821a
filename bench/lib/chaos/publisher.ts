import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import type { PortalClient } from './portalClient';
import { reasonOf } from './prober';

/** One descriptor update, tried until the API acknowledged it. */
export interface Update {
  product: string;
  /** Global, increasing: carried in the description, so the catalog shows which update it holds. */
  counter: number;
  attempts: number;
  firstTriedAt: number;
  /** When the API answered 200/201: only then does the update count. */
  ackedAt?: number;
  /** When the catalog first showed this update or a later one of the product. */
  visibleAt?: number;
  /** True when the catalog showed this very update, not only a later one. */
  seenExactly?: boolean;
  /** A refusal that retrying cannot change (a 4xx other than 429). */
  rejected?: string;
  rejectedAt?: number;
}

export interface Publisher {
  updates: Update[];
  /** Refused attempts by status (0 = no answer), with a few reasons each. */
  refusals: Record<string, { count: number; examples: string[] }>;
  stop(): Promise<void>;
}

/** Between acknowledged updates: a team's CI publishing now and then, busier than life. */
const EVERY_MS = 2000;
/** Between attempts of a refused update (the API says 5 s; sooner finds the end of an outage sooner). */
const RETRY_MS = 1000;
/** A publish during a Kafka outage may wait for the producer's retries. */
const TIMEOUT_MS = 30_000;
const EXAMPLES = 5;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The counter an entity's description carries, if any. */
export function counterIn(
  description: unknown,
  run: string,
): number | undefined {
  const match = new RegExp(`\\(chaos ${run} update (\\d+)\\)$`).exec(
    String(description ?? ''),
  );
  return match ? Number(match[1]) : undefined;
}

function withCounter(
  descriptor: DataProductEntity,
  run: string,
  counter: number,
): DataProductEntity {
  const { metadata } = descriptor;
  return {
    ...descriptor,
    metadata: {
      ...metadata,
      description: `${
        metadata.description ?? ''
      } (chaos ${run} update ${counter})`,
    },
  };
}

/**
 * Publishes descriptor updates through `PUT /api/data-mesh/products/…` one
 * after the other, the products in turn, until stopped. A refused update
 * (503 during an outage, no answer, any 5xx or 429) is tried again until
 * acknowledged, as a CI job retrying would; a 4xx that retrying cannot
 * change is recorded and the next update goes on.
 */
export function startPublisher(
  client: PortalClient,
  descriptors: DataProductEntity[],
  run: string,
): Publisher {
  const updates: Update[] = [];
  const refusals: Publisher['refusals'] = {};
  let stopped = false;
  const refuse = (status: number, reason: string) => {
    const entry = (refusals[String(status)] ??= { count: 0, examples: [] });
    entry.count++;
    if (entry.examples.length < EXAMPLES) entry.examples.push(reason);
  };
  const loop = async () => {
    for (let counter = 1; !stopped; counter++) {
      const descriptor = descriptors[(counter - 1) % descriptors.length];
      const { name } = descriptor.metadata;
      const update: Update = {
        product: name,
        counter,
        attempts: 0,
        firstTriedAt: Date.now(),
      };
      updates.push(update);
      while (!stopped && !update.ackedAt && !update.rejected) {
        update.attempts++;
        const { status, body, error } = await client.request(
          'PUT',
          `/api/data-mesh/products/default/${name}`,
          {
            body: withCounter(descriptor, run, counter),
            timeoutMs: TIMEOUT_MS,
          },
        );
        if (status === 200 || status === 201) {
          update.ackedAt = Date.now();
          break;
        }
        const reason = reasonOf(status, body, error);
        refuse(status, reason);
        if (status >= 400 && status < 500 && status !== 429) {
          update.rejected = reason;
          update.rejectedAt = Date.now();
        } else {
          await sleep(RETRY_MS);
        }
      }
      if (!stopped) await sleep(EVERY_MS);
    }
  };
  const running = loop();
  return {
    updates,
    refusals,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
