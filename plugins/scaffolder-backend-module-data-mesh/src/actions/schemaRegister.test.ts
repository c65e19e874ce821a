import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  avroSchema,
  cleanUp,
  exampleInput,
  runAction,
  subjectExists,
  testClients,
  testWriter,
  unique,
} from '../__testUtils__/testEnvironment';
import { createSchemaRegisterAction } from './schemaRegister';
import { examples } from './schemaRegister.examples';

describe('schemaRegistry:schema:register', () => {
  const clients = testClients();
  const catalog = catalogServiceMock();
  const action = createSchemaRegisterAction({
    writer: testWriter({ clients, catalog }),
  });
  const subjects: string[] = [];

  function newSubject() {
    const subject = `commerce.orders-${unique()}.v1-value`;
    subjects.push(subject);
    return subject;
  }

  afterAll(() => cleanUp(clients, { subjects }));

  it('registers a schema with the tier minimum level (example 1), and does nothing when run again', async () => {
    const subject = newSubject();
    const input = { ...exampleInput(examples, 0), subject };

    const output = await runAction(action, input);
    expect(output).toEqual({
      subject,
      id: expect.any(Number),
      version: 1,
      created: true,
    });
    expect(await clients.registry.compatibility(subject)).toBe('BACKWARD');

    expect(await runAction(action, input)).toEqual({
      ...output,
      created: false,
    });
    expect(await clients.registry.versions(subject)).toEqual([1]);
  });

  it('registers a JSON Schema with an explicit level (example 2)', async () => {
    const subject = newSubject();
    const output = await runAction(action, {
      ...exampleInput(examples, 1),
      subject,
      slaTier: 'tier-2',
      schema: JSON.stringify({
        type: 'object',
        properties: { orderId: { type: 'string' } },
        required: ['orderId'],
      }),
    });
    expect(output).toMatchObject({ subject, version: 1, created: true });
    expect(await clients.registry.compatibility(subject)).toBe('FULL');
    expect((await clients.registry.latestVersion(subject))?.schemaType).toBe(
      'JSON',
    );
  });

  it('registers a compatible evolution as the next version', async () => {
    const subject = newSubject();
    await runAction(action, {
      subject,
      format: 'avro',
      slaTier: 'tier-2',
      schema: avroSchema(['orderId']),
    });
    const next = JSON.stringify({
      type: 'record',
      name: 'OrderPlaced',
      namespace: 'commerce',
      fields: [
        { name: 'orderId', type: 'string' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    });
    expect(
      await runAction(action, {
        subject,
        format: 'avro',
        slaTier: 'tier-2',
        schema: next,
      }),
    ).toMatchObject({ version: 2, created: true });
  });

  it('refuses a schema with a syntax error, naming its position, and registers nothing', async () => {
    const subject = newSubject();
    const attempt = runAction(action, {
      subject,
      format: 'avro',
      slaTier: 'tier-2',
      schema:
        '{\n  "type": "record",\n  "name": "X",\n  "fields": [ {"name": }\n}',
    });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /Invalid Avro schema at line 4, column \d+/,
    );
    expect(await subjectExists(clients, subject)).toBe(false);
  });

  it('refuses an incompatible evolution, listing each incompatibility in words', async () => {
    const subject = newSubject();
    await runAction(action, {
      subject,
      format: 'avro',
      slaTier: 'tier-2',
      schema: avroSchema(['orderId', 'customerId']),
    });
    const attempt = runAction(action, {
      subject,
      format: 'avro',
      slaTier: 'tier-2',
      // Drops customerId, renames nothing, adds a required field.
      schema: avroSchema(['orderId', 'amount']),
    });
    await expect(attempt).rejects.toThrow(
      `The schema cannot be registered under '${subject}':\n  - the schema is not BACKWARD compatible with the subject '${subject}' (newest version 1):\n    - `,
    );
    await expect(attempt).rejects.toThrow(/amount/);
    expect(await clients.registry.versions(subject)).toEqual([1]);
  });

  it('refuses a level change that the new schema would break, leaving the level as it was', async () => {
    const subject = newSubject();
    await runAction(action, {
      subject,
      format: 'avro',
      compatibility: 'FORWARD',
      slaTier: 'tier-3',
      schema: avroSchema(['orderId']),
    });
    // A new required field is FORWARD compatible (old readers ignore it)
    // but not BACKWARD compatible (new readers find it missing in old data).
    const attempt = runAction(action, {
      subject,
      format: 'avro',
      compatibility: 'BACKWARD',
      slaTier: 'tier-3',
      schema: avroSchema(['orderId', 'amount']),
    });
    await expect(attempt).rejects.toThrow(
      `the schema is not BACKWARD compatible with the subject '${subject}' (newest version 1):\n    - `,
    );
    await expect(attempt).rejects.toThrow(/amount/);
    expect(await clients.registry.compatibility(subject)).toBe('FORWARD');
    expect(await clients.registry.versions(subject)).toEqual([1]);
  });

  it('refuses a format the governance rules do not allow, registering nothing', async () => {
    const governed = createSchemaRegisterAction({
      writer: testWriter({
        catalog,
        clients: testClients({ governance: { allowedFormats: ['protobuf'] } }),
      }),
    });
    const subject = newSubject();
    await expect(
      runAction(governed, {
        subject,
        format: 'avro',
        slaTier: 'tier-2',
        schema: avroSchema(['orderId']),
      }),
    ).rejects.toThrow(
      'format avro is not allowed; allowed: protobuf (rule allowed-formats, set by dataMesh.governance.allowedFormats)',
    );
    expect(await subjectExists(clients, subject)).toBe(false);
  });

  it('refuses a level weaker than the tier needs, registering nothing', async () => {
    const subject = newSubject();
    await expect(
      runAction(action, {
        subject,
        format: 'avro',
        compatibility: 'NONE',
        slaTier: 'tier-1',
        schema: avroSchema(['orderId']),
      }),
    ).rejects.toThrow(
      'compatibility NONE is not BACKWARD_TRANSITIVE or stricter, as tier-1 products need (rule min-compatibility, set by dataMesh.governance.minCompatibility.tier-1)',
    );
    expect(await subjectExists(clients, subject)).toBe(false);
  });

  it('checks everything but registers nothing in a dry run', async () => {
    const subject = newSubject();
    const output = await runAction(
      action,
      { ...exampleInput(examples, 0), subject },
      { isDryRun: true },
    );
    expect(output).toMatchObject({ subject, created: false });
    expect(await subjectExists(clients, subject)).toBe(false);
  });
});
