import { CustomErrorBase } from '@backstage/errors';

/** A mutation the catalog did not accept; the provider retries it. */
export class CatalogWriteError extends CustomErrorBase {
  name = 'CatalogWriteError' as const;
}
