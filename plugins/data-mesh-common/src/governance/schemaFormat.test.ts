import { DEFAULT_GOVERNANCE_RULES } from './defaults';
import { checkSchemaFormat } from './schemaFormat';

describe('checkSchemaFormat', () => {
  it.each(['avro', 'json', 'protobuf'] as const)(
    'allows %s by default',
    format => {
      expect(checkSchemaFormat(format, DEFAULT_GOVERNANCE_RULES)).toEqual([]);
    },
  );

  it('names the allowed formats when one is not', () => {
    expect(checkSchemaFormat('avro', { allowedFormats: ['protobuf'] })).toEqual(
      [
        {
          rule: 'allowed-formats',
          configKey: 'dataMesh.governance.allowedFormats',
          message: 'format avro is not allowed; allowed: protobuf',
        },
      ],
    );
  });
});
