export interface Config {
  dataMesh?: {
    /** Settings of the data mesh scaffolder actions. */
    scaffolder?: {
      /**
       * Where `dataMesh:repo:publishLocal` keeps git repositories when no git
       * hosting integration is configured (local development and demos).
       */
      localRepositories?: {
        /**
         * Lets the catalog register the `file` locations of local
         * repositories (development and demos only; off in production,
         * where anyone allowed to create a location could point the
         * catalog at any file the backend can read). The data mesh catalog
         * module (`@kafka-mesh/plugin-catalog-backend-module-data-mesh`)
         * reads it and allows the catalog's `file` location type.
         * @default false
         */
        enabled?: boolean;
        /**
         * Folder holding one git repository per published skeleton. A
         * relative path is resolved against the backend's working directory.
         * @default ../../.data/repositories
         */
        root?: string;
        /** Author of the commits the action makes. */
        author?: {
          /** @default Backstage Scaffolder */
          name?: string;
          /** @default scaffolder@backstage.local */
          email?: string;
        };
      };
      /**
       * How long `dataMesh:product:publish` waits for the published product
       * to show in the catalog, in seconds.
       * @default 60
       */
      catalogWaitSeconds?: number;
    };
  };
}
