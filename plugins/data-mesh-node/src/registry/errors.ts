import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';

/**
 * The registry could not be asked, or answered with an unexpected error.
 * A ServiceUnavailableError, like KafkaUnavailableError, so that every
 * caller answers it as 503 with Retry-After by type; the cause (the failed
 * fetch or the unparsable answer) says why. Messages never carry the
 * registry's URL or credentials.
 *
 * @public
 */
export class RegistryUnavailableError extends ServiceUnavailableError {}

/**
 * The registry refused the suite's credentials (HTTP 401 or 403): a
 * configuration to fix (`dataMesh.schemaRegistry.auth`), not an outage to
 * wait out. Never carries the credentials.
 *
 * @public
 */
export class RegistryNotAuthorizedError extends NotAllowedError {}
