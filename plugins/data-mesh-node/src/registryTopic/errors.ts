import { NotFoundError } from '@backstage/errors';

/**
 * The configured registry topic is not on the cluster. Readers never create
 * it: a mistyped `dataMesh.registryTopic` would otherwise become a new,
 * empty registry, whose `full` catalog mutation removes every product.
 *
 * @public
 */
export class RegistryTopicMissingError extends NotFoundError {
  constructor(readonly cluster: string, readonly topic: string, cause?: Error) {
    super(
      `Registry topic '${topic}' does not exist on Kafka cluster '${cluster}'`,
      cause,
    );
  }
}
