import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SchemaSyntaxError } from '../SchemaSyntaxError';
import { parseJsonText } from './parseJsonText';

/** A JSON Schema document as parsed JSON. */
export type JsonSchemaNode = { [key: string]: any };

/** A parsed JSON Schema and its compiled validator. */
export type CompiledJsonSchema = {
  schema: JsonSchemaNode;
  validate: ValidateFunction;
};

// Registry schemas carry vendor keywords (`confluent:tags`, `pii`…); they
// must not fail compilation, and unknown formats are not errors either.
const AJV_OPTIONS = { strict: false, allErrors: true, logger: false } as const;

const DIALECTS: Array<{ pattern: RegExp; create: () => Ajv }> = [
  { pattern: /draft\/2020-12\//, create: () => new Ajv2020(AJV_OPTIONS) },
  { pattern: /draft\/2019-09\//, create: () => new Ajv2019(AJV_OPTIONS) },
  { pattern: /draft-0[67]\/schema/, create: () => new Ajv(AJV_OPTIONS) },
];

/**
 * An Ajv instance with the standard formats, for the dialect the schema's
 * `$schema` names (draft-07 when it names none).
 *
 * @throws SchemaSyntaxError for dialects Ajv 8 does not implement
 */
export function createAjv(schema: JsonSchemaNode): Ajv {
  const dialect = schema.$schema;
  let ajv: Ajv;
  if (dialect === undefined) {
    ajv = new Ajv(AJV_OPTIONS);
  } else {
    const found = DIALECTS.find(d => d.pattern.test(String(dialect)));
    if (!found) {
      throw new SchemaSyntaxError(
        'json',
        `$schema '${dialect}' is not supported; use draft-07, 2019-09 or 2020-12`,
      );
    }
    ajv = found.create();
  }
  addFormats(ajv);
  return ajv;
}

/**
 * Where a meta-schema error points, as a field path and the keyword left
 * over: `/properties/customer/properties/age/type` → `customer.age`, `type`.
 */
function locate(error: ErrorObject): { path?: string; keyword: string } {
  const segments = error.instancePath.split('/').slice(1);
  const fields: string[] = [];
  let i = 0;
  for (; i < segments.length; i++) {
    if (segments[i] === 'properties' && i + 1 < segments.length) {
      fields.push(segments[++i].replace(/~1/g, '/').replace(/~0/g, '~'));
    } else if (segments[i] === 'items' && fields.length) {
      fields[fields.length - 1] += '[]';
    } else {
      break;
    }
  }
  return {
    path: fields.length ? fields.join('.') : undefined,
    keyword: segments.slice(i).join('/'),
  };
}

/**
 * A JSON Schema, checked against its meta-schema and compiled. Syntax errors
 * name line and column, schema errors the property they are in.
 *
 * @throws SchemaSyntaxError
 */
export function parseJsonSchema(text: string): CompiledJsonSchema {
  const schema = parseJsonText('json', text);
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new SchemaSyntaxError('json', 'a JSON Schema must be an object');
  }
  const ajv = createAjv(schema as JsonSchemaNode);
  if (!ajv.validateSchema(schema)) {
    const [first] = ajv.errors ?? [];
    const { path, keyword } = locate(first);
    throw new SchemaSyntaxError(
      'json',
      keyword ? `${keyword} ${first.message}` : `${first.message}`,
      { path },
    );
  }
  try {
    return {
      schema: schema as JsonSchemaNode,
      validate: ajv.compile(schema),
    };
  } catch (error) {
    throw new SchemaSyntaxError('json', (error as Error).message);
  }
}
