export interface Config {
  /** The Kafka data mesh suite. */
  dataMesh?: {
    /**
     * The compacted topic that holds the data product descriptors, one record
     * per product keyed by `<namespace>/<name>`.
     * @default _data-products
     */
    registryTopic?: string;
    kafka: {
      /**
       * Client id the suite's Kafka clients announce to the brokers.
       * @default backstage-data-mesh
       */
      clientId?: string;
      /**
       * The Kafka clusters. Same shape as the Backstage Kafka plugin's
       * `kafka.clusters`, so an existing block can be reused as is.
       */
      clusters: Array<{
        /** Name that descriptors and annotations use to refer to the cluster. */
        name: string;
        /** Bootstrap brokers, `host:port`. */
        brokers: string[];
        /** `true` for TLS with the system's CAs, or explicit TLS settings. */
        ssl?:
          | boolean
          | {
              /** CA certificates (PEM). */
              ca?: string[];
              /**
               * Client private key (PEM).
               * @visibility secret
               */
              key?: string;
              /** Client certificate (PEM). */
              cert?: string;
              /**
               * Passphrase of the client private key.
               * @visibility secret
               */
              passphrase?: string;
              /** @default true */
              rejectUnauthorized?: boolean;
            };
        sasl?: {
          mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
          username: string;
          /** @visibility secret */
          password: string;
        };
      }>;
    };
    /** Bounds on the work one backend does for live requests. */
    limits?: {
      /**
       * Live reads (health, consumers, freshness, samples) at once per Kafka
       * cluster; more get 429 with Retry-After.
       * @default 16
       */
      kafkaReadsPerCluster?: number;
      /**
       * Synthetic record generations at once per backend; more get 429.
       * @default 2
       */
      syntheticGenerations?: number;
    };
    /** Who may do what beyond the permission policy's defaults. */
    permissions?: {
      /**
       * Groups whose members are data mesh admins: they may publish, change,
       * deprecate and unpublish any product (also one that is still
       * consumed) and, where restrictCatalogWrites is on, register catalog
       * locations and delete entities. Full refs, group:<namespace>/<name>.
       * @default ['group:default/platform-team']
       */
      adminGroups?: string[];
      /**
       * Static external-access tokens (backend.auth.externalAccess) that may
       * publish through the data mesh REST API, and the owners they act for.
       * Backstage's permission client allows every service call without
       * asking the policy, so a service acts only for the groups named here.
       */
      externalAccess?: Array<{
        /** The token's `subject` in backend.auth.externalAccess. */
        subject: string;
        /** Owner refs the token acts for, e.g. group:default/checkout-team. */
        actsFor: string[];
      }>;
      /**
       * Creating catalog locations and deleting entities are for data mesh
       * admins only. On in production (app-config.production.yaml).
       * @default false
       */
      restrictCatalogWrites?: boolean;
    };
    /**
     * Governance: the rules the organisation agrees on once. Publishing
     * (scaffolder, CLI) refuses descriptors that break them; the catalog
     * flags hand-written descriptors that do, without dropping them. Every
     * key is optional and defaults as documented.
     */
    governance?: {
      /**
       * Schema formats a product's output may use, e.g. `[protobuf]` for
       * "Protobuf only".
       * @default [avro, json, protobuf]
       */
      allowedFormats?: Array<'avro' | 'json' | 'protobuf'>;
      /**
       * Topic name template. Placeholders: `{domain}` (the domain's name),
       * `{name}` (the product name, which may drop a leading `<domain>-`)
       * and `{major}` (any major version number). `{name}` is required.
       * @default '{domain}.{name}.v{major}'
       */
      topicNaming?: string;
      /**
       * The weakest schema compatibility level each SLA tier accepts; a
       * stricter level (one that implies it) also passes. Set `NONE` to drop
       * a default minimum.
       */
      minCompatibility?: {
        /** @default BACKWARD_TRANSITIVE */
        'tier-1'?:
          | 'NONE'
          | 'BACKWARD'
          | 'BACKWARD_TRANSITIVE'
          | 'FORWARD'
          | 'FORWARD_TRANSITIVE'
          | 'FULL'
          | 'FULL_TRANSITIVE';
        /** @default BACKWARD */
        'tier-2'?:
          | 'NONE'
          | 'BACKWARD'
          | 'BACKWARD_TRANSITIVE'
          | 'FORWARD'
          | 'FORWARD_TRANSITIVE'
          | 'FULL'
          | 'FULL_TRANSITIVE';
        /** No minimum by default. */
        'tier-3'?:
          | 'NONE'
          | 'BACKWARD'
          | 'BACKWARD_TRANSITIVE'
          | 'FORWARD'
          | 'FORWARD_TRANSITIVE'
          | 'FULL'
          | 'FULL_TRANSITIVE';
      };
      /**
       * The fewest quality rules (`spec.qualityRules`) a product of each SLA
       * tier must declare, e.g. `tier-1: 1`. None by default.
       */
      minQualityRules?: {
        /** @default 0 */
        'tier-1'?: number;
        /** @default 0 */
        'tier-2'?: number;
        /** @default 0 */
        'tier-3'?: number;
      };
      /**
       * Dotted entity paths every product must fill, e.g.
       * `spec.classification` or `metadata.description`.
       * @default []
       */
      requiredFields?: string[];
      /**
       * Tags every product must carry in `metadata.tags`.
       * @default []
       */
      requiredTags?: string[];
      /** Partition counts a product topic may have. */
      partitions?: {
        /** @default 1 */
        min?: number;
        /** @default 12 */
        max?: number;
        /**
         * Partitions of a new topic when the request names none.
         * @default 3
         */
        default?: number;
      };
      /**
       * Wanted replication factor of new topics; capped by the number of
       * brokers in the cluster.
       * @default 3
       */
      replicationFactor?: number;
      /** Allowed topic retention (ISO-8601 durations, no years or months). */
      retention?: {
        /** @default PT1H */
        min?: string;
        /** @default P365D */
        max?: string;
      };
      /**
       * Settings of new topics per SLA tier; each retention must lie within
       * `retention`.
       */
      topicDefaults?: {
        'tier-1'?: {
          /**
           * ISO-8601 duration.
           * @default P30D
           */
          retention?: string;
          /** @default delete */
          cleanupPolicy?: 'delete' | 'compact' | 'compact,delete';
        };
        'tier-2'?: {
          /**
           * ISO-8601 duration.
           * @default P7D
           */
          retention?: string;
          /** @default delete */
          cleanupPolicy?: 'delete' | 'compact' | 'compact,delete';
        };
        'tier-3'?: {
          /**
           * ISO-8601 duration.
           * @default P3D
           */
          retention?: string;
          /** @default delete */
          cleanupPolicy?: 'delete' | 'compact' | 'compact,delete';
        };
      };
    };
    /**
     * Access requests: teams ask for read access to a product for one of
     * their Kafka principals; the portal creates the ACLs once the request
     * is approved and deletes them when the grant ends.
     */
    access?: {
      /**
       * Classifications whose products need an owner's approval; requests
       * for other products are granted at once. A product without a
       * classification counts as `internal`.
       * @default [confidential, restricted]
       */
      approvalRequired?: Array<
        'public' | 'internal' | 'confidential' | 'restricted'
      >;
      /**
       * The longest grant a request may ask for (ISO-8601 duration; weeks,
       * days, hours, minutes, seconds).
       * @default P90D
       */
      maxDuration?: string;
      /**
       * The duration the request form proposes; at most maxDuration.
       * @default P30D
       */
      defaultDuration?: string;
    };
    /**
     * The contract monitor: checks every product's quality rules (and
     * schema conformance) on the records that arrived since its last run.
     */
    monitor?: {
      /** How often it runs (ISO-8601 duration). @default PT1M */
      frequency?: string;
      /** How long results are kept (ISO-8601 duration). @default P7D */
      retention?: string;
      /** Most records read per product in one run. @default 500 */
      maxRecordsPerProduct?: number;
      /** Most records read in one run over all products. @default 20000 */
      maxRecordsPerRun?: number;
    };
    /** A schema registry that speaks Confluent's REST API. */
    schemaRegistry: {
      /**
       * Base URL of the Confluent-compatible API, e.g.
       * `http://localhost:8081/apis/ccompat/v7` for Apicurio.
       */
      url: string;
      /** HTTP basic auth. */
      auth?: {
        username: string;
        /** @visibility secret */
        password: string;
      };
      /**
       * The Kafka topic the registry keeps its state in: `kafkasql-journal`
       * for Apicurio with kafkasql storage, `_schemas` for Confluent's.
       * Every write to the registry appends a record naming its subject,
       * so the catalog's scheduled refresh asks the registry only about the
       * subjects named since the last refresh (nothing when the end offsets
       * did not move). Without it, every refresh asks about every subject.
       */
      storageTopic?: {
        /** One of `dataMesh.kafka.clusters`. */
        cluster: string;
        topic: string;
      };
    };
  };
}
