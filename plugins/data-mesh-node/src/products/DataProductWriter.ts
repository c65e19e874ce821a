import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  dataMeshProductDeprecatePermission,
  dataMeshProductPublishPermission,
  dataMeshProductUnpublishAdminPermission,
  dataMeshProductUnpublishPermission,
  DataProductEntity,
  isDataProductEntity,
  productIdOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { findDataProduct } from './catalogLookups';
import { ownersOfConsumers } from './consumersOf';
import type { DataMeshClients } from './DataMeshClients';
import { checkSunset, deprecatedDescriptor } from './deprecation';
import {
  assertPublishedThroughRegistry,
  descriptorOf,
  publishToRegistry,
  tombstoneInRegistry,
} from './descriptors';
import { ProductAccess, withOwnerRelation } from './productAccess';
import {
  BarrierRequest,
  BarrierResult,
  checkPublishBarrier,
  validDescriptor,
} from './publishBarrier';
import { readersOfTopic, TopicReader } from './topicReaders';
import { productOwningSubject, productOwningTopic } from './topicOwner';

/**
 * Who asks, and whether to stop short of writing.
 *
 * @public
 */
export interface WriteOptions {
  credentials: BackstageCredentials;
  /** Check everything, write nothing. */
  dryRun?: boolean;
}

/** @public */
export interface PublishResult extends BarrierResult {
  /** The product page, /catalog/<ns>/dataproduct/<name>. */
  entityPath: string;
  /** Whether the product was in the catalog before (an update). */
  updated: boolean;
}

/** @public */
export interface DeprecateRequest {
  entityRef: string;
  /** The last day the product is served, YYYY-MM-DD. */
  sunset: string;
  reason: string;
  /** The product to move to. */
  replacement?: string;
}

/** @public */
export interface DeprecateResult {
  entityRef: string;
  /** Owners of the consumers, who were (or on a dry run would be) notified. */
  notified: string[];
  /**
   * Why the consumers' owners (named in it) could not be told; the product
   * is deprecated all the same, and `notified` is empty.
   */
  notificationProblem?: string;
}

/** @public */
export interface UnpublishResult {
  entityRef: string;
  /** Groups that still read the topic; only an admin gets past them. */
  readers: TopicReader[];
}

/**
 * The one writer of the registry topic. Every way to change a product (the
 * scaffolder actions, the REST API and the CLI through it) goes through
 * here, so the publish barrier and the ownership checks cannot be skipped:
 *
 * - a first publish needs the caller to own the descriptor's `spec.owner`,
 *   an update or owner change needs the caller to own the product as the
 *   catalog holds it now, deprecating and unpublishing likewise; data mesh
 *   admins may do all of it (the policy decides, see {@link ProductAccess});
 * - a topic belongs to at most one published product.
 *
 * What exists is read with the suite's own credentials, so that a product
 * the caller cannot see is still protected.
 *
 * @public
 */
export class DataProductWriter {
  constructor(
    readonly clients: DataMeshClients,
    private readonly catalog: CatalogService,
    private readonly access: ProductAccess,
    private readonly auth: AuthService,
    private readonly notifications: NotificationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Everything a publish checks, without writing: the caller's permission,
   * the topic's owner, and the whole publish barrier.
   *
   * @throws NotAllowedError, ConflictError or InputError naming the reason
   */
  async check(
    request: BarrierRequest,
    credentials: BackstageCredentials,
  ): Promise<BarrierResult & { current?: DataProductEntity }> {
    const entity = validDescriptor(request.descriptor);
    const ref = stringifyEntityRef(entity);
    const current = await this.published(ref);
    if (current) {
      await this.access.assertAllowed(
        dataMeshProductPublishPermission,
        current,
        credentials,
        'publish a new version of',
      );
    } else {
      await this.access.assertAllowed(
        dataMeshProductPublishPermission,
        withOwnerRelation(entity),
        credentials,
        'publish',
      );
    }
    const { cluster, topic } = entity.spec.output;
    await this.assertTopicFree(cluster, topic, ref);
    const result = await checkPublishBarrier(request, this.clients, {
      catalog: this.catalog,
      credentials,
    });
    return { ...result, current };
  }

  /** Checks, then produces the descriptor to the registry topic. */
  async publish(
    request: BarrierRequest,
    { credentials, dryRun }: WriteOptions,
  ): Promise<PublishResult> {
    const { current, ...checked } = await this.check(request, credentials);
    const { entity, entityRef, topic } = checked;
    const cluster = entity.spec.output.cluster;
    const topics = await this.clients.withAdmin(cluster, admin =>
      admin.listTopics(),
    );
    if (!topics.includes(topic)) {
      throw new InputError(
        `The data product ${entityRef} cannot be published: its topic '${topic}' does not exist on the cluster '${cluster}'; create it first (kafka:topic:create)`,
      );
    }
    if (!dryRun) {
      // A caller may pass an entity read from the catalog; only the owner's
      // part is published.
      await publishToRegistry(this.clients, descriptorOf(entity));
    }
    const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
    return {
      ...checked,
      entityPath: `/catalog/${namespace}/dataproduct/${entity.metadata.name}`,
      updated: current !== undefined,
    };
  }

  /**
   * Marks a published product deprecated, republishes it and notifies the
   * owners of everything that reads it.
   */
  async deprecate(
    request: DeprecateRequest,
    { credentials, dryRun }: WriteOptions,
  ): Promise<DeprecateResult> {
    const { entity, ref } = await this.existing(request.entityRef);
    await this.access.assertAllowed(
      dataMeshProductDeprecatePermission,
      entity,
      credentials,
      'deprecate',
    );
    const reason = request.reason?.trim() ?? '';
    const problems = checkSunset(
      request.sunset,
      this.now().toISOString().slice(0, 10),
    );
    if (!reason) problems.push('reason: say why, for the consumers');
    let replacementRef: string | undefined;
    if (request.replacement) {
      try {
        replacementRef = (
          await findDataProduct(
            { catalog: this.catalog, credentials: await this.ownCredentials() },
            request.replacement,
          )
        ).ref;
        if (replacementRef === ref) {
          problems.push('replacement: a product cannot replace itself');
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(`replacement: ${error.message}`);
      }
    }
    if (problems.length > 0) {
      throw new InputError(
        `${ref} cannot be deprecated:\n${problems
          .map(p => `  - ${p}`)
          .join('\n')}`,
      );
    }

    const descriptor = deprecatedDescriptor(entity, {
      sunset: request.sunset,
      reason,
      ...(replacementRef && { replacement: replacementRef }),
    });
    const { consumers, owners } = await ownersOfConsumers(
      { catalog: this.catalog, credentials: await this.ownCredentials() },
      entity,
    );
    if (dryRun) return { entityRef: ref, notified: owners };

    await publishToRegistry(this.clients, descriptor);
    if (owners.length > 0) {
      const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
      // The deprecation is published by now: a notification service that
      // fails (or an app without the notifications backend) must not turn
      // it into an error the caller would retry; it is reported instead.
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: owners },
          payload: {
            title: `${
              entity.metadata.title ?? entity.metadata.name
            } is deprecated`,
            description: `The data product ${ref}, read by ${consumers.join(
              ', ',
            )}, will be served until ${request.sunset}. ${reason}${
              replacementRef ? ` Move to ${replacementRef}.` : ''
            }`,
            link: `/catalog/${namespace}/dataproduct/${entity.metadata.name}`,
            severity: 'high',
            topic: 'data-product-deprecated',
            scope: ref,
          },
        });
      } catch (error) {
        return {
          entityRef: ref,
          notified: [],
          notificationProblem: `${owners.join(', ')} could not be notified: ${
            isError(error) ? error.message : String(error)
          }`,
        };
      }
    }
    return { entityRef: ref, notified: owners };
  }

  /**
   * Tombstones a product. Refused while consumer groups read its topic,
   * unless the caller is a data mesh admin. The topic and its data stay.
   */
  async unpublish(
    request: { entityRef: string },
    { credentials, dryRun }: WriteOptions,
  ): Promise<UnpublishResult> {
    const { entity, ref } = await this.existing(request.entityRef);
    await this.access.assertAllowed(
      dataMeshProductUnpublishPermission,
      entity,
      credentials,
      'unpublish',
    );
    const { cluster, topic } = entity.spec.output;
    const readers = await readersOfTopic(
      this.clients.kafka.cluster(cluster),
      topic,
    );
    if (
      readers.length > 0 &&
      !(await this.access.isAllowed(
        dataMeshProductUnpublishAdminPermission,
        entity,
        credentials,
      ))
    ) {
      const named = readers.map(r => `${r.groupId} (${r.evidence})`).join('; ');
      throw new ConflictError(
        `${ref} cannot be unpublished: consumer groups still read its topic '${topic}': ${named}. Ask their owners to move off it (deprecate it first), or have a data mesh admin unpublish it`,
      );
    }
    if (!dryRun) {
      await tombstoneInRegistry(this.clients, cluster, productIdOf(entity));
    }
    return { entityRef: ref, readers };
  }

  /**
   * Refuses to create or change a topic or schema that a published product
   * the caller may not publish owns (kafka:topic:create and
   * schemaRegistry:schema:register on someone else's stream).
   */
  async assertMayWriteTopic(
    cluster: string,
    topic: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const owner = await productOwningTopic(
      this.catalog,
      await this.ownCredentials(),
      cluster,
      topic,
    );
    if (owner) {
      await this.access.assertAllowed(
        dataMeshProductPublishPermission,
        owner,
        credentials,
        `change the topic '${topic}' of`,
      );
    }
  }

  /**
   * Refuses a caller who may not publish (change) the product: the check
   * in front of a change's preparation, such as the impact check of a new
   * schema, which replays the product's records.
   */
  async assertMayChange(
    product: DataProductEntity,
    credentials: BackstageCredentials,
    action: string,
  ): Promise<void> {
    await this.access.assertAllowed(
      dataMeshProductPublishPermission,
      product,
      credentials,
      action,
    );
  }

  /** Like {@link assertMayWriteTopic}, for a schema registry subject. */
  async assertMayWriteSubject(
    subject: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const owner = await productOwningSubject(
      this.catalog,
      await this.ownCredentials(),
      subject,
    );
    if (owner) {
      await this.access.assertAllowed(
        dataMeshProductPublishPermission,
        owner,
        credentials,
        `register schemas under '${subject}' of`,
      );
    }
  }

  private async assertTopicFree(cluster: string, topic: string, ref: string) {
    const owner = await productOwningTopic(
      this.catalog,
      await this.ownCredentials(),
      cluster,
      topic,
    );
    if (owner && stringifyEntityRef(owner) !== ref) {
      throw new ConflictError(
        `The topic '${topic}' on the cluster '${cluster}' is already published as ${stringifyEntityRef(
          owner,
        )}; a topic belongs to one data product. Ask its owner (${
          owner.spec.owner
        }) to change that product instead`,
      );
    }
  }

  /** The product as the catalog holds it now, if it was published. */
  private async published(ref: string): Promise<DataProductEntity | undefined> {
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.ownCredentials(),
    });
    if (!entity) return undefined;
    if (!isDataProductEntity(entity)) {
      throw new ConflictError(`${ref} names a ${entity.kind}, not a product`);
    }
    // A hand-written product with this name: changing it here would give
    // the catalog two sources for one entity.
    assertPublishedThroughRegistry(entity);
    return entity;
  }

  /** A published product, for deprecating or unpublishing it. */
  private async existing(ref: string) {
    const found = await findDataProduct(
      { catalog: this.catalog, credentials: await this.ownCredentials() },
      ref,
    );
    assertPublishedThroughRegistry(found.entity);
    return found;
  }

  private ownCredentials() {
    return this.auth.getOwnServiceCredentials();
  }
}
