import {
  evaluateQualityRules,
  productIdOf,
  schemaSubjectOf,
  type DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import type {
  CompatibilityResult,
  RegistrySchema,
} from '../registry/SchemaRegistryRestClient';
import { formatOfSchemaType } from '../schema/schemaTypes';
import { recordReader } from './decodeRecord';
import {
  decodeRecords,
  RawRecord,
  RecordFailure,
  SchemaById,
} from './decodeRecords';
import { downstreamProducts, DownstreamProduct } from './downstreamProducts';
import { CheckedRule, maskResults, ruleRows, table } from './qualityCheck';

/** A consumer group of the product's topic, as the portal knows it. */
export interface ImpactConsumer {
  groupId: string;
  /** The catalog Component annotated with the group. */
  component?: string;
  /** The derived product whose processor the group is. */
  product?: string;
}

/** What the impact check needs of the schema registry. */
export interface ImpactRegistry {
  compatibility(subject: string): Promise<string | undefined>;
  testCompatibility(
    subject: string,
    schema: RegistrySchema,
  ): Promise<CompatibilityResult>;
  schemaById: SchemaById;
}

/** @public */
export interface SchemaImpactInput {
  product: DataProductEntity;
  /** Every published product, to find the readers in. */
  products: readonly DataProductEntity[];
  newSchema: RegistrySchema;
  registry: ImpactRegistry;
  /** The newest records of the product's topic. */
  records: readonly RawRecord[];
  /** The consumer groups; a string says why they are not known. */
  consumers: ImpactConsumer[] | string;
  now: number;
}

/**
 * Who and what a new schema version of a product affects.
 *
 * @public
 */
export interface SchemaImpactReport {
  product: string;
  subject: string;
  compatibility: {
    level?: string;
    compatible: boolean;
    /** One sentence per incompatible change. */
    reasons: string[];
  };
  downstream: DownstreamProduct[];
  consumers: ImpactConsumer[];
  /** Why the consumers are not listed, when they are not. */
  consumersUnknown?: string;
  records: {
    /** Records with a value that were read with the new schema. */
    checked: number;
    unreadable: number;
    examples: RecordFailure[];
  };
  /** Rules that pass on the records as written and fail read with the new schema. */
  newlyFailingRules: CheckedRule[];
  /** Not accepted, unreadable records or newly failing `error` rules. */
  breaking: boolean;
}

const MAX_EXAMPLES = 3;

/**
 * The impact check, shared by `mesh impact` and the scaffolder action
 * `dataMesh:schema:impact`: the registry's compatibility verdict, the
 * downstream products and consumers, whether the new schema reads the
 * newest records (each resolved from its writer schema), and which quality
 * rules those values would newly fail.
 *
 * @throws SchemaSyntaxError when the new schema does not parse
 * @public
 */
export async function assessSchemaImpact(
  input: SchemaImpactInput,
): Promise<SchemaImpactReport> {
  const { product, newSchema, registry } = input;
  const subject = schemaSubjectOf(product);
  const reader = recordReader(
    formatOfSchemaType(newSchema.schemaType),
    newSchema.schema,
  );
  const [level, verdict, before, after] = await Promise.all([
    registry.compatibility(subject),
    registry.testCompatibility(subject, newSchema),
    decodeRecords(input.records, registry.schemaById),
    decodeRecords(input.records, registry.schemaById, reader),
  ]);
  // Records already broken as written are `mesh test`'s business.
  const broken = new Set(
    before.failures.map(f => `${f.partition}:${f.offset}`),
  );
  const unreadable = after.failures.filter(
    f => !broken.has(`${f.partition}:${f.offset}`),
  );

  const rules = product.spec.qualityRules ?? [];
  const evaluate = (values: typeof before.decoded) =>
    maskResults(
      rules,
      evaluateQualityRules(
        rules,
        values.map(r => ({ value: r.value, timestamp: r.timestamp })),
        { now: input.now },
      ),
      product.spec.piiFields,
    );
  const was = evaluate(before.decoded);
  const will = evaluate(after.decoded);
  const newlyFailingRules = will.filter((r, i) => !r.passed && was[i].passed);

  const consumers = Array.isArray(input.consumers) ? input.consumers : [];
  return {
    product: productIdOf(product),
    subject,
    compatibility: {
      level,
      compatible: verdict.compatible,
      reasons: verdict.messages,
    },
    downstream: downstreamProducts(product, input.products),
    consumers,
    ...(typeof input.consumers === 'string' && {
      consumersUnknown: input.consumers,
    }),
    records: {
      checked: before.decoded.length,
      unreadable: unreadable.length,
      examples: unreadable.slice(0, MAX_EXAMPLES),
    },
    newlyFailingRules,
    breaking:
      !verdict.compatible ||
      unreadable.length > 0 ||
      newlyFailingRules.some(r => r.severity === 'error'),
  };
}

/**
 * The report as text, as `mesh impact` prints it and the action logs it.
 *
 * @public
 */
export function formatSchemaImpact(report: SchemaImpactReport): string[] {
  const lines = [
    `Impact of a new schema for ${report.product} (subject ${report.subject})`,
    '',
  ];
  const level = report.compatibility.level ?? 'unknown';
  if (report.compatibility.compatible) {
    lines.push(`registry: accepted under ${level} compatibility`);
  } else {
    lines.push(
      `registry: REJECTED under ${level} compatibility:`,
      ...report.compatibility.reasons.map(r => `  - ${r}`),
    );
  }
  lines.push('');
  if (report.downstream.length) {
    lines.push(
      `downstream products (${report.downstream.length}):`,
      ...table(
        ['product', 'owner', 'depth', 'reads'],
        report.downstream.map(d => [d.ref, d.owner, String(d.depth), d.via]),
      ).map(l => `  ${l}`),
    );
  } else {
    lines.push('downstream products: none');
  }
  if (report.consumersUnknown) {
    lines.push(`consumers: not checked (${report.consumersUnknown})`);
  } else if (report.consumers.length) {
    lines.push(
      `consumer groups (${report.consumers.length}):`,
      ...report.consumers.map(
        c =>
          `  ${c.groupId}${c.component ? ` (component ${c.component})` : ''}${
            c.product ? ` (processor of ${c.product})` : ''
          }`,
      ),
    );
  } else {
    lines.push('consumer groups: none');
  }
  lines.push('');
  const { records } = report;
  if (records.unreadable) {
    lines.push(
      `records: ${records.unreadable} of ${records.checked} newest records cannot be read with the new schema, e.g.`,
      ...records.examples.map(
        f => `  partition ${f.partition} offset ${f.offset}: ${f.reason}`,
      ),
    );
  } else {
    lines.push(
      `records: the new schema reads all ${records.checked} newest records`,
    );
  }
  if (report.newlyFailingRules.length) {
    lines.push(
      'quality rules that would newly fail:',
      ...table(
        ['rule', 'severity', 'measured', 'result', 'examples'],
        ruleRows(report.newlyFailingRules),
      ).map(l => `  ${l}`),
    );
  } else {
    lines.push('quality rules: none would newly fail');
  }
  lines.push('', report.breaking ? 'BREAKING' : 'OK: nothing breaks');
  return lines;
}
