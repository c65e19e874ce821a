import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AccessRequest } from '@kafka-mesh/plugin-data-mesh-common';

/** The changes the requester hears about. */
export type RequesterNews = 'approved' | 'denied' | 'revoked' | 'expired';

/** The product page's access tab, where owners decide and requesters look. */
export function accessPageOf(productRef: string): string {
  const { namespace, name } = parseEntityRef(productRef);
  return `/catalog/${namespace}/dataproduct/${name}/access`;
}

/**
 * Tells the product's owners about a new request and the requester about
 * its decision or end. A notification is a courtesy: one that fails is
 * logged and the workflow goes on (the change is stored and audited
 * already).
 */
export class AccessNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async requested(request: AccessRequest, ownerRef: string): Promise<void> {
    const granted = request.status === 'approved';
    await this.send(ownerRef, {
      title: granted
        ? `${request.principal} was granted read access to ${request.product}`
        : `${request.principal} asks for read access to ${request.product}`,
      description: `${request.requestedBy} for ${request.duration}: ${
        request.purpose
      }${granted ? '' : ' Approve or deny it on the access tab.'}`,
      link: accessPageOf(request.product),
      severity: granted ? 'low' : 'normal',
      topic: 'data-product-access-requested',
      scope: `access-request:${request.id}`,
    });
  }

  async changed(
    request: AccessRequest,
    news: RequesterNews,
    decisionNote?: string,
  ): Promise<void> {
    const note = decisionNote ? ` Note: ${decisionNote}` : '';
    const what: Record<RequesterNews, string> = {
      approved: `was approved until ${request.expiresAt}`,
      denied: 'was denied',
      revoked: 'was revoked',
      expired: 'has expired',
    };
    await this.send(request.requestedBy, {
      title: `Access of ${request.principal} to ${request.product} ${what[news]}`,
      description: `Your request ${request.id} ${what[news]}.${note}`,
      link: accessPageOf(request.product),
      severity: news === 'approved' ? 'normal' : 'high',
      topic: `data-product-access-${news}`,
      scope: `access-request:${request.id}`,
    });
  }

  private async send(
    entityRef: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ): Promise<void> {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload,
      });
    } catch (error) {
      // The message only: a client error may carry request details.
      this.logger.warn(
        `Could not notify ${entityRef} about ${payload.scope}: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
    }
  }
}
