/*
 * The private Kafka + registry of a chaos run (`startIsolated()` of
 * @kafka-mesh/local-stack, on free ports), typed, with the same health
 * probes the stack itself waits on: a part is back when they answer, not
 * when its port opens.
 */
import type { StackClientConfig } from '@kafka-mesh/local-stack';
import type { Part } from './schedule';

export interface PrivateStack {
  brokers: string;
  registryUrl: string;
  /** Its clients.json: the principals' passwords and the CA. */
  clientsFile: string;
  /** How to connect as one of its principals (`portal`, `admin`, …). */
  clusterConfig(principal: string): StackClientConfig & { name: string };
  /** Stops the part (SIGTERM, then a grace period); resolves once it is gone. */
  stopPart(part: Part): Promise<boolean>;
  /** Starts the part; resolves once it is healthy (polled every 500 ms). */
  startPart(part: Part): Promise<boolean>;
  /** Whether the part answers its health check now. */
  healthy(part: Part): Promise<boolean>;
  down(): Promise<void>;
}

// Plain CommonJS without types.
/* eslint-disable @typescript-eslint/no-require-imports */
const localStack = require('@kafka-mesh/local-stack') as {
  startIsolated(options?: { log?: (line: string) => void }): Promise<{
    brokers: string;
    registryUrl: string;
    clientsFile: string;
    clusterConfig(principal: string): StackClientConfig & { name: string };
    stopPart(name: string): Promise<boolean>;
    startPart(name: string): Promise<boolean>;
    down(): Promise<void>;
  }>;
};
const health = require('@kafka-mesh/local-stack/src/health') as {
  kafkaHealthy(brokers: string): Promise<boolean>;
  httpStatus(url: string, timeoutMs?: number): Promise<number>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export async function startPrivateStack(
  log: (line: string) => void,
): Promise<PrivateStack> {
  const stack = await localStack.startIsolated({ log });
  const { brokers, registryUrl } = stack;
  // The registry part's own check: ready (its journal caught up with
  // Kafka) and serving the Confluent API at the URL everyone uses.
  const readyUrl = `${new URL(registryUrl).origin}/health/ready`;
  const healthy = async (part: Part) =>
    part === 'kafka'
      ? health.kafkaHealthy(brokers)
      : (await health.httpStatus(readyUrl)) === 200 &&
        (await health.httpStatus(`${registryUrl}/subjects`)) === 200;
  return {
    brokers,
    registryUrl,
    clientsFile: stack.clientsFile,
    clusterConfig: principal => stack.clusterConfig(principal),
    stopPart: part => stack.stopPart(part),
    startPart: part => stack.startPart(part),
    healthy,
    down: () => stack.down(),
  };
}
