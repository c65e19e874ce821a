import { DATA_MESH_API_VERSION, DATA_PRODUCT_KIND } from '../constants';
import {
  MAX_QUALITY_PATTERN_LENGTH,
  MAX_QUALITY_RULES,
  QUALITY_RULE_NAME_PATTERN,
} from '../quality/limits';
import { QUALITY_METRICS } from '../quality/types';
import { ISO_DURATION_PATTERN } from '../sla/isoDuration';
import {
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_LIFECYCLES,
  DATA_PRODUCT_STATUSES,
  DATA_QUALITIES,
  OUTPUT_FORMATS,
  SLA_TIERS,
  SUPPORT_HOURS,
} from './types';

/**
 * Patterns shared by several fields. They live in `definitions` so that a
 * failing value can be explained by the rule it broke (see the validator).
 *
 * The schema uses `pattern` rather than `format`: catalog-model's
 * `entityKindSchemaValidator` compiles kind schemas with a plain Ajv that has
 * no formats registered, and would refuse to compile `format: uri`.
 */
const definitions = {
  entityRef: {
    type: 'string',
    description: 'An entity reference, [<kind>:][<namespace>/]<name>.',
    pattern: '^(?:[^:/\\s]+:)?(?:[^:/\\s]+/)?[^:/\\s]+$',
  },
  isoDuration: {
    type: 'string',
    description:
      'An ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT5M. Years and months are not allowed: they have no fixed length.',
    pattern: ISO_DURATION_PATTERN,
  },
  date: {
    type: 'string',
    description: 'A calendar date, YYYY-MM-DD.',
    pattern: '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$',
  },
  consumerGroup: {
    type: 'string',
    description:
      'A Kafka consumer group id: letters, digits, dots, underscores and hyphens.',
    pattern: '^[A-Za-z0-9._-]{1,249}$',
  },
  url: {
    type: 'string',
    description: 'An absolute URL, e.g. https://… or mailto:…',
    pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$',
  },
  ruleName: {
    type: 'string',
    description: 'A quality rule name: lower-case words joined by -.',
    pattern: QUALITY_RULE_NAME_PATTERN,
  },
} as const;

const outputSchema = {
  type: 'object',
  description: 'The output port: the topic consumers read.',
  required: ['cluster', 'topic', 'format'],
  // Closed, unlike spec: a typo here would silently drop part of the promise.
  additionalProperties: false,
  properties: {
    cluster: {
      type: 'string',
      description: 'Name of the Kafka cluster as configured in the backend.',
      minLength: 1,
    },
    topic: { type: 'string', description: 'The Kafka topic.', minLength: 1 },
    format: {
      type: 'string',
      description: 'Serialization of the records.',
      enum: OUTPUT_FORMATS,
    },
    schemaSubject: {
      type: 'string',
      description: 'Schema registry subject; <topic>-value when absent.',
      minLength: 1,
    },
  },
};

const slaSchema = {
  type: 'object',
  description: 'The service level the owner commits to.',
  required: ['tier', 'availability', 'freshness', 'supportHours', 'onCall'],
  additionalProperties: false,
  properties: {
    tier: {
      type: 'string',
      description: 'tier-1 is the strongest promise.',
      enum: SLA_TIERS,
    },
    availability: {
      type: 'number',
      description: 'Percent of time the topic is readable.',
      minimum: 0,
      maximum: 100,
    },
    freshness: {
      $ref: '#/definitions/isoDuration',
      description: 'Maximum age of the newest record.',
    },
    retention: {
      $ref: '#/definitions/isoDuration',
      description: 'How long records stay readable.',
    },
    supportHours: {
      type: 'string',
      description: 'When on-call answers.',
      enum: SUPPORT_HOURS,
    },
    responseTime: {
      $ref: '#/definitions/isoDuration',
      description: 'Time to first response from on-call.',
    },
    onCall: {
      $ref: '#/definitions/url',
      description: 'Where to page the owner.',
    },
  },
};

const deprecationSchema = {
  type: 'object',
  required: ['sunset', 'reason'],
  additionalProperties: false,
  properties: {
    sunset: {
      $ref: '#/definitions/date',
      description: 'The last day the product is served.',
    },
    replacement: {
      $ref: '#/definitions/entityRef',
      description: 'The data product to move to.',
    },
    reason: { type: 'string', minLength: 1 },
  },
};

const thresholdRange = {
  type: 'array',
  description: '[low, high], both included.',
  items: [{ type: 'number' }, { type: 'number' }],
  minItems: 2,
  maxItems: 2,
};

// The shape of one rule. How the fields depend on the metric (exactly one
// operator, property and window when the metric needs them, ...) is
// checked by validateDataProductEntity, which can name the rule at fault.
const qualityRuleSchema = {
  type: 'object',
  required: ['name', 'metric'],
  additionalProperties: false,
  properties: {
    name: { $ref: '#/definitions/ruleName' },
    description: { type: 'string' },
    metric: { type: 'string', enum: QUALITY_METRICS },
    property: {
      type: 'string',
      description: 'Dotted path of the record field, e.g. customer.email.',
      minLength: 1,
    },
    arguments: {
      type: 'object',
      additionalProperties: false,
      properties: {
        validValues: {
          type: 'array',
          minItems: 1,
          items: { type: ['string', 'number', 'boolean'] },
        },
        minimum: { type: 'number' },
        maximum: { type: 'number' },
        pattern: {
          type: 'string',
          description:
            'A JavaScript regular expression (unicode mode) the whole value must match.',
          minLength: 1,
          maxLength: MAX_QUALITY_PATTERN_LENGTH,
        },
        window: {
          $ref: '#/definitions/isoDuration',
          description: 'The window duplicateValues and rowCount count in.',
        },
      },
    },
    unit: { type: 'string', enum: ['rows', 'percent', 'seconds'] },
    severity: { type: 'string', enum: ['info', 'warning', 'error'] },
    mustBe: { type: 'number' },
    mustNotBe: { type: 'number' },
    mustBeGreaterThan: { type: 'number' },
    mustBeGreaterOrEqualTo: { type: 'number' },
    mustBeLessThan: { type: 'number' },
    mustBeLessOrEqualTo: { type: 'number' },
    mustBeBetween: thresholdRange,
    mustNotBeBetween: thresholdRange,
  },
};

const specSchema = {
  type: 'object',
  required: ['owner', 'domain', 'lifecycle', 'output', 'sla'],
  properties: {
    owner: {
      type: 'string',
      description: 'An entity reference to the owning group or user.',
      examples: ['group:default/checkout-team'],
      minLength: 1,
    },
    domain: {
      type: 'string',
      description: 'An entity reference to the Domain the product belongs to.',
      minLength: 1,
    },
    system: {
      type: 'string',
      description: 'An entity reference to the System the product is part of.',
      minLength: 1,
    },
    lifecycle: {
      type: 'string',
      enum: DATA_PRODUCT_LIFECYCLES,
    },
    status: {
      type: 'string',
      description: 'Publication status; active when absent.',
      enum: DATA_PRODUCT_STATUSES,
      default: 'active',
    },
    output: outputSchema,
    inputs: {
      type: 'array',
      description: 'Entity references of the data products this one reads.',
      uniqueItems: true,
      items: { $ref: '#/definitions/entityRef' },
    },
    processor: {
      type: 'object',
      description:
        "The stream processor that produces the product, by its consumer groups on the product's output cluster. What they read is compared with the declared inputs, and they count as consumers of those inputs.",
      required: ['consumerGroups'],
      additionalProperties: false,
      properties: {
        consumerGroups: {
          type: 'array',
          description:
            'Consumer group ids (no cluster: the output cluster), at most 20.',
          minItems: 1,
          maxItems: 20,
          uniqueItems: true,
          items: { $ref: '#/definitions/consumerGroup' },
        },
      },
    },
    sla: slaSchema,
    quality: { type: 'string', enum: DATA_QUALITIES },
    classification: { type: 'string', enum: DATA_CLASSIFICATIONS },
    piiFields: {
      type: 'array',
      description:
        'Dotted paths of record fields holding personal data, e.g. customer.email.',
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
    },
    qualityRules: {
      type: 'array',
      description:
        'What the records promise, checked on the live stream (ODCS v3.1 quality).',
      maxItems: MAX_QUALITY_RULES,
      items: qualityRuleSchema,
    },
    deprecation: deprecationSchema,
    observed: {
      type: 'object',
      description:
        'Facts the catalog provider observed in Kafka and the schema registry, and the effective SLA it computed. Written by the provider; descriptors leave it out.',
    },
  },
  // A deprecated product must tell its consumers when it ends and why.
  if: {
    type: 'object',
    required: ['status'],
    properties: { status: { const: 'deprecated' } },
  },
  then: { required: ['deprecation'] },
};

/**
 * JSON schema (draft-07) of the DataProduct kind, in the form of
 * catalog-model's own kind schemas: usable with `entityKindSchemaValidator`.
 * This is the contract every part of the data mesh reads descriptors by.
 *
 * @public
 */
export const dataProductEntitySchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'DataProductV1alpha1',
  description:
    'A DataProduct is a Kafka topic published with an owner, a schema and a service level that others can build on.',
  examples: [
    {
      apiVersion: DATA_MESH_API_VERSION,
      kind: DATA_PRODUCT_KIND,
      metadata: {
        name: 'orders-placed',
        title: 'Orders placed',
        description: 'Every order placed in the web shop, in real time.',
      },
      spec: {
        owner: 'group:default/checkout-team',
        domain: 'commerce',
        lifecycle: 'production',
        output: {
          cluster: 'local',
          topic: 'commerce.orders-placed.v1',
          format: 'avro',
        },
        inputs: ['dataproduct:default/payments-settled'],
        sla: {
          tier: 'tier-1',
          availability: 99.9,
          freshness: 'PT5M',
          supportHours: '24x7',
          onCall: 'https://oncall.example.com/checkout',
        },
      },
    },
  ],
  definitions,
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', 'spec'],
      properties: {
        apiVersion: { enum: [DATA_MESH_API_VERSION] },
        kind: { enum: [DATA_PRODUCT_KIND] },
        spec: specSchema,
      },
    },
  ],
};
