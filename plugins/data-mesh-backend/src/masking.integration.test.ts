import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  dataMeshPiiReadPermission,
  dataMeshSamplesReadPermission,
  ProductSamplesResponse,
  SampleRecord,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createSchemaRegistry,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin, Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  fixtureKafka,
  startDataMeshBackend,
  TestDataMeshBackend,
  sharedStack,
} from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

const run = randomUUID().slice(0, 8);
const MASK = '••••';

// Personal values unique to this run, so a response can be searched for them.
const secret = {
  email: `ada-${run}@example.com`,
  phone: `+31-${run}`,
  street: `Hidden Lane ${run}`,
  keyEmail: `key-${run}@example.com`,
  headerEmail: `header-${run}@example.com`,
  protoEmail: `proto-${run}@example.com`,
  protoPhone: `+44-${run}`,
  jsonEmail: `json-${run}@example.com`,
  jsonKeyEmail: `json-key-${run}@example.com`,
};

const avro = {
  name: `pii-avro-${run}`,
  topic: `it.dm-pii-avro-${run}.v1`,
  // Lists the email; the schema also marks the phone (`pii`) and the street
  // (`confluent:tags`), which the descriptor forgot.
  piiFields: ['customer.email'],
  value: {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'it.pii',
    fields: [
      { name: 'orderId', type: 'string' },
      {
        name: 'customer',
        type: {
          type: 'record',
          name: 'Customer',
          fields: [
            { name: 'email', type: 'string' },
            { name: 'phone', type: 'string', pii: true },
            { name: 'name', type: 'string' },
          ],
        },
      },
      {
        name: 'shipping',
        type: {
          type: 'record',
          name: 'Shipping',
          fields: [
            { name: 'street', type: 'string', 'confluent:tags': ['PII'] },
            { name: 'city', type: 'string' },
          ],
        },
      },
    ],
  },
  // A key that decodes to an object carrying a personal field.
  key: {
    type: 'record',
    name: 'OrderKey',
    namespace: 'it.pii',
    fields: [
      { name: 'orderId', type: 'string' },
      {
        name: 'customer',
        type: {
          type: 'record',
          name: 'KeyCustomer',
          fields: [{ name: 'email', type: 'string' }],
        },
      },
    ],
  },
};

const proto = {
  name: `pii-proto-${run}`,
  topic: `it.dm-pii-proto-${run}.v1`,
  // As the .proto (and the Schema tab) spells it; records say customerEmail.
  piiFields: ['customer_email'],
  value: `syntax = "proto3";
package it.pii;

import "confluent/meta.proto";

message Signup {
  string signup_id = 1;
  string customer_email = 2;
  string phone_number = 3 [(confluent.field_meta) = { tags: ["PII"] }];
  string country_code = 4;
}
`,
};

const json = {
  name: `pii-json-${run}`,
  topic: `it.dm-pii-json-${run}.v1`,
  piiFields: [] as string[],
  value: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Contacted',
    type: 'object',
    required: ['contactId', 'contact'],
    properties: {
      contactId: { type: 'string' },
      contact: {
        type: 'object',
        properties: {
          email: { type: 'string', 'confluent:tags': ['PII'] },
          language: { type: 'string' },
        },
      },
    },
  },
};

const base = (name: string) => `/products/default/${name}/samples`;

// Catalog ingestion is asynchronous; `eventually` waits, this bounds a hang.
jest.setTimeout(120_000);

describe('masking of samples on the real broker and registry', () => {
  const kafka = fixtureKafka();
  const registry = createSchemaRegistry({ url: registryUrl });
  const decisions = {
    pii: AuthorizeResult.DENY as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  };
  const subjects: string[] = [];
  let admin: Admin;
  let backend: TestDataMeshBackend;

  const register = async (
    subject: string,
    schema: Parameters<typeof registry.register>[0],
  ) => {
    subjects.push(subject);
    const { id } = await registry.register(schema, { subject });
    return id;
  };

  const samplesOf = async (name: string) => {
    const res = await backend.get<ProductSamplesResponse>(base(name));
    expect(res.status).toBe(200);
    expect(res.body.records).toHaveLength(1);
    return { ...res, record: res.body.records[0] as SampleRecord };
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [avro, proto, json].map(p => ({
        topic: p.topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });

    const avroValue = await register(`${avro.topic}-value`, {
      type: SchemaType.AVRO,
      schema: JSON.stringify(avro.value),
    });
    const avroKey = await register(`${avro.topic}-key`, {
      type: SchemaType.AVRO,
      schema: JSON.stringify(avro.key),
    });
    const protoValue = await register(`${proto.topic}-value`, {
      type: SchemaType.PROTOBUF,
      schema: proto.value,
    });
    const jsonValue = await register(`${json.topic}-value`, {
      type: SchemaType.JSON,
      schema: JSON.stringify(json.value),
    });

    const producer = kafka.producer();
    await producer.connect();
    const send = async (topic: string, message: Message) => {
      await producer.send({ topic, messages: [message] });
    };
    await send(avro.topic, {
      key: await registry.encode(avroKey, {
        orderId: 'o-1',
        customer: { email: secret.keyEmail },
      }),
      value: await registry.encode(avroValue, {
        orderId: 'o-1',
        customer: { email: secret.email, phone: secret.phone, name: 'Ada' },
        shipping: { street: secret.street, city: 'Utrecht' },
      }),
      // A header named like a personal field.
      headers: { email: secret.headerEmail, source: 'web' },
    });
    await send(proto.topic, {
      key: 's-1',
      // protobufjs takes (and gives back) the camelCase names.
      value: await registry.encode(protoValue, {
        signupId: 's-1',
        customerEmail: secret.protoEmail,
        phoneNumber: secret.protoPhone,
        countryCode: 'NL',
      }),
    });
    await send(json.topic, {
      // A plain JSON key: it decodes to an object, so it is masked too.
      key: JSON.stringify({ contact: { email: secret.jsonKeyEmail } }),
      value: await registry.encode(jsonValue, {
        contactId: 'c-1',
        contact: { email: secret.jsonEmail, language: 'nl' },
      }),
    });
    await producer.disconnect();

    backend = await startDataMeshBackend({
      registryUrl,
      entities: [
        makeDataProduct(avro.name, avro.topic, { piiFields: avro.piiFields }),
        makeDataProduct(proto.name, proto.topic, {
          piiFields: proto.piiFields,
          output: { cluster: 'local', topic: proto.topic, format: 'protobuf' },
        }),
        makeDataProduct(json.name, json.topic, {
          piiFields: json.piiFields,
          output: { cluster: 'local', topic: json.topic, format: 'json' },
        }),
      ],
      decide: permission => {
        if (permission.name === dataMeshSamplesReadPermission.name) {
          return AuthorizeResult.ALLOW;
        }
        if (permission.name === dataMeshPiiReadPermission.name) {
          return decisions.pii;
        }
        return AuthorizeResult.ALLOW;
      },
    });
    const ingested = async (name: string) => {
      const { status } = await backend.get(
        `/products/default/${name}/schema/versions`,
      );
      if (status !== 200) throw new Error(`${name} not ingested (${status})`);
    };
    await Promise.all(
      [avro, proto, json].map(({ name }) => eventually(() => ingested(name))),
    );
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    await admin
      ?.deleteTopics({ topics: [avro.topic, proto.topic, json.topic] })
      .catch(() => undefined);
    await admin?.disconnect();
    for (const subject of subjects) {
      for (const query of ['', '?permanent=true']) {
        await fetch(
          `${registryUrl}/subjects/${encodeURIComponent(subject)}${query}`,
          { method: 'DELETE' },
        )
          .then(res => res.body?.cancel())
          .catch(() => undefined);
      }
    }
  });

  describe('for a reader without the PII permission', () => {
    beforeEach(() => {
      decisions.pii = AuthorizeResult.DENY;
    });

    it('masks the fields piiFields lists', async () => {
      const { body, record } = await samplesOf(avro.name);
      expect(body.piiVisible).toBe(false);
      expect(record.value).toMatchObject({
        orderId: 'o-1',
        customer: { email: MASK, name: 'Ada' },
      });
      expect(record.masked).toContain('customer.email');
    });

    it('masks Avro fields the schema marks but piiFields misses, and reports them', async () => {
      const { body, record, text } = await samplesOf(avro.name);
      expect(record.value).toEqual({
        orderId: 'o-1',
        customer: { email: MASK, phone: MASK, name: 'Ada' },
        shipping: { street: MASK, city: 'Utrecht' },
      });
      expect(body.unlistedPiiFields).toEqual([
        'customer.phone',
        'shipping.street',
      ]);
      for (const value of [secret.email, secret.phone, secret.street]) {
        expect(text).not.toContain(value);
      }
    });

    it('masks a Protobuf customer_email that decodes as customerEmail', async () => {
      const { body, record, text } = await samplesOf(proto.name);
      expect(record.value).toEqual({
        signupId: 's-1',
        customerEmail: MASK,
        phoneNumber: MASK,
        countryCode: 'NL',
      });
      expect(record.masked).toEqual(['customer_email', 'phone_number']);
      expect(body.unlistedPiiFields).toEqual(['phone_number']);
      expect(text).not.toContain(secret.protoEmail);
      expect(text).not.toContain(secret.protoPhone);
    });

    it('masks a JSON Schema field tagged PII that piiFields misses', async () => {
      const { body, record } = await samplesOf(json.name);
      expect(record.value).toEqual({
        contactId: 'c-1',
        contact: { email: MASK, language: 'nl' },
      });
      expect(body.unlistedPiiFields).toEqual(['contact.email']);
    });

    it('masks the same fields in keys that decode to objects', async () => {
      const decoded = await samplesOf(avro.name);
      expect(JSON.parse(decoded.record.key!)).toEqual({
        orderId: 'o-1',
        customer: { email: MASK },
      });
      expect(decoded.record.masked).toContain('key:customer.email');
      expect(decoded.text).not.toContain(secret.keyEmail);

      const plainJson = await samplesOf(json.name);
      expect(JSON.parse(plainJson.record.key!)).toEqual({
        contact: { email: MASK },
      });
      expect(plainJson.text).not.toContain(secret.jsonKeyEmail);
    });

    it('keeps a plain key as it is', async () => {
      const { record } = await samplesOf(proto.name);
      expect(record.key).toBe('s-1');
    });

    it('never serves a header value named like a personal field', async () => {
      const { text } = await samplesOf(avro.name);
      expect(text).not.toContain(secret.headerEmail);
    });
  });

  describe('for an owner (PII permission allowed)', () => {
    beforeEach(() => {
      decisions.pii = AuthorizeResult.ALLOW;
    });

    it('shows every personal field, in values and keys, and still reports the finding', async () => {
      const avroSamples = await samplesOf(avro.name);
      expect(avroSamples.body.piiVisible).toBe(true);
      expect(avroSamples.record.masked).toEqual([]);
      expect(avroSamples.record.value).toEqual({
        orderId: 'o-1',
        customer: { email: secret.email, phone: secret.phone, name: 'Ada' },
        shipping: { street: secret.street, city: 'Utrecht' },
      });
      expect(JSON.parse(avroSamples.record.key!)).toEqual({
        orderId: 'o-1',
        customer: { email: secret.keyEmail },
      });
      expect(avroSamples.body.unlistedPiiFields).toEqual([
        'customer.phone',
        'shipping.street',
      ]);

      const protoSamples = await samplesOf(proto.name);
      expect(protoSamples.record.value).toMatchObject({
        customerEmail: secret.protoEmail,
        phoneNumber: secret.protoPhone,
      });
      expect(protoSamples.body.unlistedPiiFields).toEqual(['phone_number']);

      const jsonSamples = await samplesOf(json.name);
      expect(jsonSamples.record.value).toMatchObject({
        contact: { email: secret.jsonEmail },
      });
    });
  });
});
