import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import type { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import type { StackClientConfig } from '@kafka-mesh/local-stack';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { CountingProxy } from './registryProxy';
import type { BenchBackend } from './startBenchBackend';

/** Where the benchmark backends keep the catalog: in-memory SQLite or a private PostgreSQL. */
export type BenchDatabase = 'sqlite' | 'pg';

export interface BenchOptions {
  database: BenchDatabase;
  /** Products for the cold ingestion and registry figures. */
  n: number;
  /** Calls per live endpoint and cache state. */
  calls: number;
  /** Publishes for the publish → visible figure. */
  publishes: number;
  /** Period of the enrichment refresh in the benchmark backend. */
  refreshSeconds: number;
  /** Page loads per page for the discovery figures. */
  repeats: number;
}

/** What every figure works with: the private stack and the backend on it. */
export interface Session {
  options: BenchOptions;
  brokers: string;
  /** How to connect to the private stack as one of its principals. */
  clusterConfig(principal: string): StackClientConfig & { name: string };
  /** The private stack as its admin (seeding, clean-up). */
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  /** The registry, through the counting proxy as the backend sees it. */
  registry: SchemaRegistryRestClient;
  registryTopic: string;
  proxy: CountingProxy;
  /** What the proxy had counted (the seeding's requests) as the backend started. */
  requestsBeforeBackend: number;
  backend: BenchBackend;
  /** Products on the registry topic before the backend started. */
  products: DataProductEntity[];
  /** Products with topic and schema but no descriptor yet, to publish. */
  unpublished: DataProductEntity[];
}

/** The catalog takes minutes for tens of thousands of entities. */
export const timeoutFor = (n: number) => Math.max(600_000, n * 120);

/**
 * How often to count entities: each count is a catalog query that competes
 * with the processing it waits for, so at large N poll less often (1 s at
 * 10,000, still 1% of the floor).
 */
export const countPollMs = (n: number) => Math.max(100, n / 10);

/** How many entities match a catalog filter, e.g. `kind=dataproduct`. */
export async function countEntities(
  backend: BenchBackend,
  filter: string,
): Promise<number> {
  const res = await backend.call(
    `/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&limit=1`,
  );
  if (!res.ok) return -1;
  return ((await res.json()) as { totalItems: number }).totalItems;
}

/** True once the catalog API answers for the entity. */
export async function isReadable(
  backend: BenchBackend,
  kind: string,
  name: string,
): Promise<boolean> {
  const res = await backend.call(
    `/api/catalog/entities/by-name/${kind}/default/${name}`,
  );
  await res.arrayBuffer();
  return res.status === 200;
}
