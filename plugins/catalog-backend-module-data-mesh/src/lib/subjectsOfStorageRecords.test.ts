import { subjectsOfStorageRecords } from './subjectsOfStorageRecords';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('subjectsOfStorageRecords', () => {
  it("reads the artifactId of Apicurio's kafkasql journal messages", () => {
    expect(
      subjectsOfStorageRecords([
        {
          key: json({ uuid: 'u1', messageType: 'CreateArtifact11Message' }),
          value: json({ artifactId: 'orders-value', artifactType: 'AVRO' }),
        },
        {
          key: json({ uuid: 'u2', messageType: 'CreateArtifactRule4Message' }),
          value: json({ artifactId: 'payments-value', rule: 'COMPATIBILITY' }),
        },
      ]),
    ).toEqual(new Set(['orders-value', 'payments-value']));
  });

  it("reads the subject of Confluent's _schemas keys, also for subject configs", () => {
    expect(
      subjectsOfStorageRecords([
        {
          key: json({ keytype: 'SCHEMA', subject: 'orders-value', version: 2 }),
          value: json({ subject: 'orders-value', version: 2, id: 7 }),
        },
        {
          key: json({ keytype: 'CONFIG', subject: 'payments-value' }),
          value: json({ compatibilityLevel: 'FULL' }),
        },
        // A hard delete: a tombstone whose key names the subject.
        { key: json({ keytype: 'SCHEMA', subject: 'old-value' }), value: null },
      ]),
    ).toEqual(new Set(['orders-value', 'payments-value', 'old-value']));
  });

  it("ignores markers without a value that name no subject, and Apicurio's housekeeping", () => {
    expect(
      subjectsOfStorageRecords([
        { key: json({ messageType: 'Bootstrap' }), value: null },
        { key: json({ keytype: 'NOOP', magic: 0 }), value: null },
        {
          key: json({ messageType: 'DeleteAllExpiredDownloads0Message' }),
          value: json({}),
        },
      ]),
    ).toEqual(new Set());
  });

  it.each([
    [
      'a global compatibility change',
      json({ keytype: 'CONFIG', subject: null }),
      json({ compatibilityLevel: 'NONE' }),
    ],
    [
      'a global rule in Apicurio',
      json({ messageType: 'CreateGlobalRule' }),
      json({ rule: 'COMPATIBILITY' }),
    ],
    ['a value that is not JSON', null, Buffer.from([0, 1, 2])],
  ])('says all for %s', (_, key, value) => {
    expect(
      subjectsOfStorageRecords([
        {
          key: json({ keytype: 'SCHEMA', subject: 'a-value' }),
          value: json({}),
        },
        { key, value },
      ]),
    ).toBe('all');
  });
});
