import { DEFAULT_NAMESPACE, makeValidator } from '@backstage/catalog-model';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DATA_PRODUCT_KIND } from '../constants';
import { qualityRuleErrors } from '../quality/validateQualityRules';
import { explainInvalidDuration } from '../sla/isoDuration';
import { dataProductEntitySchema } from './dataProductEntitySchema';
import { toDataProductRef } from './helpers';
import type { DataProductEntity } from './types';

/**
 * One problem in a descriptor: a dotted field path (`''` for the whole value) and the reason.
 *
 * @public
 */
export interface DataProductValidationError {
  path: string;
  message: string;
}

/** @public */
export type DataProductValidationResult =
  | { valid: true; entity: DataProductEntity }
  | { valid: false; errors: DataProductValidationError[] };

type Definition = keyof typeof dataProductEntitySchema.definitions;

// Ajv can only say "must match pattern ^P(?!$)…"; say instead which rule broke.
const explainPattern: Record<Definition, (value: string) => string> = {
  isoDuration: explainInvalidDuration,
  entityRef: value =>
    `'${value}' is not an entity reference ([<kind>:][<namespace>/]<name>)`,
  date: value => `'${value}' is not a date (YYYY-MM-DD)`,
  url: value => `'${value}' is not an absolute URL`,
  consumerGroup: value =>
    `'${value}' is not a consumer group id (letters, digits, '.', '_' and '-'; no cluster)`,
  ruleName: value =>
    `'${value}' is not a rule name: lower-case letters and digits, words joined by '-'`,
};

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    // The envelope half of the schema (`$ref: Entity`) is catalog-model's and
    // not exported; the catalog checks it anyway, and the envelope fields this
    // plugin relies on are checked in envelopeErrors below.
    const [, kindSchema] = dataProductEntitySchema.allOf;
    compiled = new Ajv({ allErrors: true, allowUnionTypes: true }).compile({
      ...dataProductEntitySchema,
      allOf: [kindSchema],
    });
  }
  return compiled;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/spec/inputs/0` → `spec.inputs[0]` */
function pointerToPath(pointer: string): string {
  return segments(pointer).reduce(
    (path, segment) =>
      /^\d+$/.test(segment)
        ? `${path}[${segment}]`
        : `${path}${path ? '.' : ''}${segment}`,
    '',
  );
}

// Ajv only reports paths that exist in the data, so the walk cannot fall off.
function valueAt(root: unknown, pointer: string): unknown {
  return segments(pointer).reduce<unknown>(
    (value, segment) => (value as Record<string, unknown>)[segment],
    root,
  );
}

function child(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function explain(
  error: ErrorObject,
  root: unknown,
): DataProductValidationError | undefined {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(root, error.instancePath);
  const params = error.params;
  switch (error.keyword) {
    case 'if':
      // The failed `then` is reported by its own, more precise error.
      return undefined;
    case 'required':
      return {
        path: child(path, params.missingProperty),
        // The only conditional requirement in the schema is deprecation.
        message: error.schemaPath.endsWith('/then/required')
          ? 'is required when spec.status is deprecated'
          : 'is required',
      };
    case 'additionalProperties':
      return {
        path: child(path, params.additionalProperty),
        message: 'is not a known field',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${params.allowedValues.join(', ')}`,
      };
    case 'type':
      return {
        path,
        message: `must be ${/^[aeiou]/.test(params.type) ? 'an' : 'a'} ${
          params.type
        }`,
      };
    case 'minimum':
    case 'maximum':
      return { path, message: `must be ${params.comparison} ${params.limit}` };
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'maxLength':
      return {
        path,
        message: `must be at most ${params.limit} characters long`,
      };
    case 'minItems':
      return { path, message: `must list at least ${params.limit}` };
    case 'maxItems':
      return { path, message: `must list at most ${params.limit}` };
    case 'uniqueItems':
      return {
        path,
        message: `must not list '${(value as unknown[])[params.i]}' twice`,
      };
    case 'pattern': {
      const definition = /^#\/definitions\/(\w+)\//.exec(error.schemaPath)?.[1];
      return {
        path,
        message:
          definition && definition in explainPattern
            ? explainPattern[definition as Definition](value as string)
            : `'${value}' does not match ${params.pattern}`,
      };
    }
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

const validators = makeValidator();

/** The envelope rules the product id and refs depend on. */
function envelopeErrors(metadata: unknown): DataProductValidationError[] {
  if (metadata === undefined) {
    return []; // reported as required by the schema
  }
  if (!isObject(metadata)) {
    return [{ path: 'metadata', message: 'must be an object' }];
  }
  const errors: DataProductValidationError[] = [];
  if (metadata.name === undefined) {
    errors.push({ path: 'metadata.name', message: 'is required' });
  } else if (!validators.isValidEntityName(metadata.name)) {
    errors.push({
      path: 'metadata.name',
      message: `'${metadata.name}' is not a valid entity name: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    });
  }
  if (
    metadata.namespace !== undefined &&
    !validators.isValidNamespace(metadata.namespace)
  ) {
    errors.push({
      path: 'metadata.namespace',
      message: `'${metadata.namespace}' is not a valid namespace: 1-63 lower case letters, digits or '-'`,
    });
  }
  return errors;
}

/** Rules that relate fields to each other and so are beyond the schema. */
function inputErrors(
  entity: Record<string, unknown>,
): DataProductValidationError[] {
  const { metadata, spec } = entity;
  const inputs = isObject(spec) ? spec.inputs : undefined;
  if (
    !Array.isArray(inputs) ||
    !isObject(metadata) ||
    !validators.isValidEntityName(metadata.name)
  ) {
    return [];
  }
  const namespace = validators.isValidNamespace(metadata.namespace)
    ? (metadata.namespace as string)
    : DEFAULT_NAMESPACE;
  const self = toDataProductRef(metadata.name as string, namespace);
  const kindPrefix = `${DATA_PRODUCT_KIND.toLocaleLowerCase('en-US')}:`;
  return inputs.flatMap((input: unknown, index) => {
    let ref: string;
    try {
      ref = toDataProductRef(input as string, namespace);
    } catch {
      return []; // a malformed ref is reported by the schema
    }
    const path = `spec.inputs[${index}]`;
    if (!ref.startsWith(kindPrefix)) {
      return [{ path, message: `'${input}' is not a ${DATA_PRODUCT_KIND}` }];
    }
    if (ref === self) {
      return [{ path, message: 'must not be the product itself' }];
    }
    return [];
  });
}

/** Names the quality rule an error is about, which its index alone hides. */
function aboutQualityRule(
  error: DataProductValidationError,
  spec: unknown,
): DataProductValidationError {
  const index = /^spec\.qualityRules\[(\d+)\]/.exec(error.path)?.[1];
  const rules = isObject(spec) ? spec.qualityRules : undefined;
  const rule = index && Array.isArray(rules) ? rules[Number(index)] : undefined;
  // A bad name is quoted by its own message.
  return isObject(rule) &&
    typeof rule.name === 'string' &&
    !error.path.endsWith('].name')
    ? { ...error, message: `rule '${rule.name}': ${error.message}` }
    : error;
}

/**
 * Checks a descriptor against {@link dataProductEntitySchema} plus the rules
 * a schema cannot express, and explains every problem by field path.
 *
 * @public
 */
export function validateDataProductEntity(
  entity: unknown,
): DataProductValidationResult {
  if (!isObject(entity)) {
    return {
      valid: false,
      errors: [{ path: '', message: 'must be an object' }],
    };
  }
  const validate = schemaValidator();
  const spec = entity.spec;
  const schemaErrors = validate(entity)
    ? []
    : (validate.errors ?? []).flatMap(error => {
        const explained = explain(error, entity);
        return explained ? aboutQualityRule(explained, spec) : [];
      });
  const errors = [
    ...envelopeErrors(entity.metadata),
    ...schemaErrors,
    ...inputErrors(entity),
    ...qualityRuleErrors(isObject(spec) ? spec.qualityRules : []),
  ];
  return errors.length
    ? { valid: false, errors }
    : { valid: true, entity: entity as unknown as DataProductEntity };
}

/**
 * One line per problem, for logs and error responses.
 *
 * @public
 */
export function formatValidationErrors(
  errors: DataProductValidationError[],
): string {
  return errors
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join('\n');
}
