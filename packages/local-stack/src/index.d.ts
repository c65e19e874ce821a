// Types of the JS API in index.js (plain CommonJS, so that bin/stack.js and
// the jest global setup run without a build); keep the two in step.

/** The stack's parts, in start order (stopped in reverse). */
export type PartName = 'kafka' | 'registry';

export const PART_NAMES: PartName[];

/** The topic the registry (Apicurio, kafkasql storage) keeps its data in. */
export const REGISTRY_STORAGE_TOPIC: string;

/** The super user of the stack's broker (the broker itself and the stack's tooling). */
export const ADMIN: 'admin';

/** The SCRAM users every stack has besides the admin (portal, registry, demo apps, consumer-app-1…4). */
export const PRINCIPALS: string[];

/** The variable jest's global setup sets to the clients file of the stack. */
export const CLIENTS_ENV: 'DATA_MESH_KAFKA_CLIENTS';

/**
 * kafkajs settings for one principal of the secured stack (a type alias, so
 * that it fits Backstage's JsonObject config).
 */
export type StackClientConfig = {
  brokers: string[];
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  ssl?: { ca: string[] };
};

/** Options of clientConfig / clusterConfig. */
export interface ClientConfigOptions extends EnvOptions {
  /** `sasl`: SASL_PLAINTEXT (default); `ssl`: SASL_SSL with the stack's CA. */
  listener?: 'sasl' | 'ssl';
  /** The stack's clients.json; default DATA_MESH_KAFKA_CLIENTS or the stack's own. */
  clientsFile?: string;
  /** Cluster name (clusterConfig only), default `local`. */
  name?: string;
}

/** How to connect as `principal` (default `portal`). */
export function clientConfig(
  principal?: string,
  options?: ClientConfigOptions,
): StackClientConfig;

/** clientConfig as an entry of `dataMesh.kafka.clusters` (name `local`). */
export function clusterConfig(
  principal?: string,
  options?: ClientConfigOptions,
): StackClientConfig & { name: string };

/** Kafka's command-line tools the stack runs from its jars. */
export type KafkaTool = 'kafka-acls' | 'kafka-topics' | 'kafka-consumer-groups';

export const KAFKA_TOOLS: KafkaTool[];

/**
 * Runs one of Kafka's own tools against the stack's broker as its admin
 * (`--bootstrap-server` and `--command-config` added); returns its output.
 */
export function runKafkaTool(
  tool: KafkaTool,
  args: string[],
  options?: EnvOptions & { timeoutMs?: number },
): string;

/** Options of the calls that read the settings from an environment. */
export interface EnvOptions {
  /** The environment to read the settings from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** Options of the calls that start parts or report progress. */
export interface StartOptions extends EnvOptions {
  /** How long to wait for health (default STACK_START_TIMEOUT_MS or 180 s). */
  timeoutMs?: number;
  /** Gets progress lines (default console.log). */
  log?: (line: string) => void;
}

/** The stack settings, as config.js derives them from the environment. */
export interface StackConfig {
  home: string;
  libDir: string;
  runDir: string;
  logDir: string;
  tmpDir: string;
  startTimeoutMs: number;
  java: string;
  pom: string;
  kafka: {
    /** Set DATA_MESH_KAFKA_BROKERS: someone else runs the cluster. */
    external: boolean;
    brokers: string;
    port: number;
    sslPort: number;
    controllerPort: number;
    secretsDir: string;
    clientsFile: string;
    libDir: string;
    dataDir: string;
    configFile: string;
    log4jConfig: string;
    toolsLog4jConfig: string;
    logFile: string;
    pidFile: string;
  };
  registry: {
    /** Set DATA_MESH_SCHEMA_REGISTRY_URL: someone else runs the registry. */
    external: boolean;
    /** SCHEMA_REGISTRY_AUTH=basic: the API needs the portal's credentials. */
    basicAuth: boolean;
    url: string;
    port: number;
    appDir: string;
    logFile: string;
    pidFile: string;
  };
}

/** One part's state, as `status` reports it. */
export interface PartStatus {
  external: boolean;
  address: string;
  /** The process we started, if it runs. */
  pid: number | null;
  healthy: boolean;
  /** Null for an external part. */
  dataDir: string | null;
  logFile: string;
}

export type StackStatus = { home: string } & Record<PartName, PartStatus>;

/**
 * A private stack on free ports, for tests that stop Kafka or the registry
 * on purpose: the shared stack other test files use stays up.
 */
export interface IsolatedStack {
  brokers: string;
  registryUrl: string;
  /** Its clients.json (its own principals' passwords and CA). */
  clientsFile: string;
  /** clientConfig for this stack. */
  clientConfig(
    principal?: string,
    options?: Omit<ClientConfigOptions, 'clientsFile'>,
  ): StackClientConfig;
  /** The registry's basic credentials, when started with `registryAuth`. */
  registryAuth?: { username: string; password: string };
  /** clusterConfig for this stack. */
  clusterConfig(
    principal?: string,
    options?: Omit<ClientConfigOptions, 'clientsFile'>,
  ): StackClientConfig & { name: string };
  /** runKafkaTool against this stack's broker, as its admin. */
  runKafkaTool(
    tool: KafkaTool,
    args: string[],
    options?: { timeoutMs?: number },
  ): string;
  /** Stops a part; resolves true if a process was stopped. */
  stopPart(name: PartName): Promise<boolean>;
  /** Starts a part again; resolves true if this call started its process. */
  startPart(name: PartName): Promise<boolean>;
  /** Stops the stack and removes its files. */
  down(): Promise<void>;
}

/**
 * Starts whatever is not already healthy and resolves once both parts are;
 * `started` names the parts this call started.
 */
export function up(options?: StartOptions): Promise<{
  brokers: string;
  registryUrl: string;
  /** The clients file of the secured broker; null for an external one. */
  clientsFile: string | null;
  started: PartName[];
}>;

/** Starts an isolated stack; resolves with its addresses and controls. */
export function startIsolated(options?: {
  log?: (line: string) => void;
  /** The registry's API requires HTTP basic credentials (user `portal`). */
  registryAuth?: boolean;
}): Promise<IsolatedStack>;

/** Stops every process the stack recorded (registry first). */
export function down(options?: StartOptions): Promise<void>;

export function status(options?: EnvOptions): Promise<StackStatus>;

/** Starts one part; resolves true if it started a process. */
export function startPart(
  name: PartName,
  options?: StartOptions,
): Promise<boolean>;

/** Stops one part if we started it; resolves true if a process was stopped. */
export function stopPart(
  name: PartName,
  options?: EnvOptions,
): Promise<boolean>;

/** The last `lines` lines of a part's log. */
export function logs(
  name: PartName,
  lines?: number,
  options?: EnvOptions,
): string;

/** Resolves the server binaries with Maven if missing (or always with force); resolves true if it ran Maven. */
export function install(
  options?: StartOptions & { force?: boolean },
): Promise<boolean>;

export function loadConfig(env?: NodeJS.ProcessEnv): StackConfig;
