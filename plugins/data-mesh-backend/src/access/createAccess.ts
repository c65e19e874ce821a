import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  DataMeshAccessConfig,
  KafkaService,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Router } from 'express';
import { AccessNotifier } from './AccessNotifier';
import { AccessService } from './AccessService';
import { AccessStore } from './AccessStore';
import { kafkaAclPort } from './aclPort';
import { AclWorker } from './AclWorker';
import { createAccessRouter } from './router';

export interface AccessOptions {
  config: DataMeshAccessConfig;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  notifications: NotificationService;
  kafka: KafkaService;
  secrets: readonly string[];
}

/** The scheduled task that ends grants and changes ACLs. */
export const ACCESS_TASK_ID = 'data-mesh-access-acls';

/**
 * Puts the access workflow together: its tables (migrated here), the
 * workflow, the ACL worker as a scheduled task (one replica at a time) and
 * kicked after each decision, and the routes.
 */
export async function createAccess(options: AccessOptions): Promise<Router> {
  const { logger } = options;
  const store = await AccessStore.create(options);
  const acls = kafkaAclPort(options.kafka);
  const worker = new AclWorker({
    store,
    acls,
    logger,
    secrets: options.secrets,
  });
  const service = new AccessService({
    store,
    catalog: options.catalog,
    permissions: options.permissions,
    userInfo: options.userInfo,
    config: options.config,
    notifier: new AccessNotifier(options.notifications, logger),
    kick: () => worker.kick(),
  });

  await options.scheduler.scheduleTask({
    id: ACCESS_TASK_ID,
    frequency: { seconds: 5 },
    timeout: { seconds: 30 },
    fn: async () => {
      // Expiry first, so that a grant that just ended loses its ACLs in
      // the same run.
      await service.expireDue();
      await worker.run();
    },
  });

  return createAccessRouter({
    httpAuth: options.httpAuth,
    catalog: options.catalog,
    store,
    service,
    acls,
    approvalRequired: options.config.approvalRequired,
    secrets: options.secrets,
  });
}
