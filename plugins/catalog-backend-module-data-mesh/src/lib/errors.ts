import { CustomErrorBase, NotFoundError } from '@backstage/errors';

/**
 * The configured registry topic is not on the cluster. The catalog module
 * never creates it: a mistyped `dataMesh.registryTopic` would otherwise
 * become a new, empty registry, whose `full` mutation removes every product
 * from the catalog.
 */
export class RegistryTopicMissingError extends NotFoundError {
  constructor(readonly cluster: string, readonly topic: string, cause?: Error) {
    super(
      `Registry topic '${topic}' does not exist on Kafka cluster '${cluster}'`,
      cause,
    );
  }
}

/** A mutation the catalog did not accept; the provider retries it. */
export class CatalogWriteError extends CustomErrorBase {
  name = 'CatalogWriteError' as const;
}
