import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ProductRootCause } from '@kafka-mesh/plugin-data-mesh-common';
import { ownersOfConsumers } from '@kafka-mesh/plugin-data-mesh-node';
import type { MonitoredProduct } from './ContractMonitor';
import type { StoredResult } from './QualityStore';

/** Rules of a product that went from passing to failing in one run. */
export interface QualityNotice {
  product: MonitoredProduct;
  failing: StoredResult[];
}

/** The product page's live tab, where the Quality section is. */
export function livePageOf(productRef: string): string {
  const { namespace, name } = parseEntityRef(productRef);
  return `/catalog/${namespace}/dataproduct/${name}/live`;
}

const describe = (r: StoredResult) =>
  `${r.rule} (${r.metric}${r.error ? `: ${r.error}` : ` = ${r.value}`})`;

/**
 * Word of a broken contract: the owner hears about every rule that starts
 * failing; the owners of the product's consumers (Components and
 * products with a `dependencyOf` relation to it, as on deprecation) about
 * freshness and `error` rules, which break what they read. One
 * notification per product and run. A notification that fails is logged;
 * the run goes on.
 */
export class QualityNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /**
       * Why a product is stale, walked live upstream (`findRootCause`);
       * undefined when it has no inputs or no cause was found.
       */
      rootCauseOf?: (
        productRef: string,
      ) => Promise<ProductRootCause | undefined>;
    },
  ) {}

  /** The root cause of a failing freshness rule, in words; '' if none. */
  private async rootCauseText(notice: QualityNotice): Promise<string> {
    const { rootCauseOf } = this.options;
    if (!rootCauseOf || !notice.failing.some(r => r.metric === 'freshness')) {
      return '';
    }
    try {
      const cause = await rootCauseOf(notice.product.ref);
      return cause ? ` Root cause: ${cause.detail}.` : '';
    } catch (error) {
      this.options.logger.warn(
        `Could not walk the inputs of ${notice.product.ref}: ${stringifyError(
          error,
        )}`,
      );
      return '';
    }
  }

  async notify({ product, failing }: QualityNotice): Promise<void> {
    const rules = failing.map(describe).join(', ');
    // Asked once: the owner and the consumers hear the same cause.
    const rootCause = await this.rootCauseText({ product, failing });
    await this.send(product.owner, {
      title: `Quality rules of ${product.ref} started failing`,
      description: `Failing now: ${rules}.${rootCause} See the Quality section of the live tab.`,
      link: livePageOf(product.ref),
      severity: failing.some(r => r.severity === 'error') ? 'high' : 'normal',
      topic: 'data-product-quality-failing',
      scope: `data-product-quality:${product.ref}`,
    });
    const breaking = failing.filter(
      r => r.metric === 'freshness' || r.severity === 'error',
    );
    if (breaking.length === 0) return;
    let owners: string[];
    try {
      owners = await this.consumerOwners(product.ref);
    } catch (error) {
      this.options.logger.warn(
        `Could not find the consumers of ${product.ref}: ${stringifyError(
          error,
        )}`,
      );
      return;
    }
    for (const owner of owners.filter(o => o !== product.owner)) {
      await this.send(owner, {
        title: `${product.ref}, which you read, breaks its contract`,
        description: `Failing now: ${breaking
          .map(describe)
          .join(', ')}.${rootCause} Its owner ${product.owner} has been told.`,
        link: livePageOf(product.ref),
        severity: 'high',
        topic: 'data-product-quality-consumer',
        scope: `data-product-quality-consumer:${product.ref}`,
      });
    }
  }

  /** Owners of the Components and products that read the product. */
  async consumerOwners(productRef: string): Promise<string[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { catalog } = this.options;
    const product = await catalog.getEntityByRef(productRef, { credentials });
    if (!product) return [];
    return (await ownersOfConsumers({ catalog, credentials }, product)).owners;
  }

  private async send(
    entityRef: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ): Promise<void> {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload,
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${entityRef} about ${payload.scope}: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
    }
  }
}
