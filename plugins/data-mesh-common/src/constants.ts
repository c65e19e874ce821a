/**
 * The apiVersion of DataProduct entities.
 *
 * @public
 */
export const DATA_MESH_API_VERSION = 'kafka-mesh.io/v1alpha1';

/**
 * The catalog kind of a data product.
 *
 * @public
 */
export const DATA_PRODUCT_KIND = 'DataProduct';

/**
 * Annotation naming the Kafka cluster (as configured) that holds the product's topic.
 *
 * @public
 */
export const ANNOTATION_KAFKA_CLUSTER = 'kafka-mesh.io/kafka-cluster';

/**
 * Annotation naming the product's Kafka topic.
 *
 * @public
 */
export const ANNOTATION_KAFKA_TOPIC = 'kafka-mesh.io/kafka-topic';

/**
 * Annotation on consuming components, borrowed from the Backstage Kafka
 * plugin so that existing annotations keep working: comma separated
 * `<cluster>/<consumer-group>` pairs.
 *
 * @public
 */
export const ANNOTATION_CONSUMER_GROUPS = 'kafka.apache.org/consumer-groups';

/**
 * The compacted topic that holds published descriptors, keyed by product id.
 *
 * @public
 */
export const DEFAULT_REGISTRY_TOPIC = '_data-products';

/**
 * Upper bound for a serialized descriptor. Kafka's default `max.message.bytes`
 * is about 1 MiB; staying well below it leaves room for record overhead and
 * keeps a hostile descriptor from bloating the catalog.
 *
 * @public
 */
export const MAX_DESCRIPTOR_BYTES = 256 * 1024;

/**
 * The longest schema text the suite's actions take (characters). Schemas of
 * real streams are a few kilobytes; the bound keeps a parse, a registry
 * call and a replay of records through it bounded before the registry's
 * own limits are reached.
 *
 * @public
 */
export const MAX_SCHEMA_TEXT_LENGTH = 256 * 1024;

/**
 * Location type of the entities the catalog provider reads from a registry
 * topic: `kafka-topic:<cluster>/<registry topic>`. Products written in a
 * catalog-info.yaml have a file or url location instead.
 *
 * @public
 */
export const REGISTRY_LOCATION_TYPE = 'kafka-topic';

/**
 * The managed-by location of products read from a registry topic.
 *
 * @public
 */
export const registryLocation = (cluster: string, registryTopic: string) =>
  `${REGISTRY_LOCATION_TYPE}:${cluster}/${registryTopic}`;

/**
 * Prefix of the consumer groups the portal itself runs (registry readers,
 * sample tails); they never count as consumers of a product.
 *
 * @public
 */
export const PORTAL_CONSUMER_GROUP_PREFIX = 'backstage-data-mesh-';
