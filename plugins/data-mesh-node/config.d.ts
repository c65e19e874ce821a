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
    };
  };
}
