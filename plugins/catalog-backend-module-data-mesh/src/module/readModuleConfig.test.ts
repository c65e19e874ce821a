import { ConfigReader } from '@backstage/config';
import { DEFAULT_GOVERNANCE_RULES } from '@kafka-mesh/plugin-data-mesh-common';
import { readModuleConfig } from './readModuleConfig';

describe('readModuleConfig', () => {
  it('uses the default schedules and rules without configuration', () => {
    expect(readModuleConfig(new ConfigReader({}))).toEqual({
      enrichmentSchedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 2 },
        initialDelay: { minutes: 1 },
      },
      consumerGroupSchedule: {
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
      },
      governance: DEFAULT_GOVERNANCE_RULES,
    });
  });

  it('uses the defaults when dataMesh has no catalog section', () => {
    const config = new ConfigReader({
      dataMesh: { registryTopic: '_data-products' },
    });
    expect(readModuleConfig(config).consumerGroupSchedule).toEqual({
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
    });
  });

  it('reads a configured schedule and keeps the default of the other', () => {
    const config = new ConfigReader({
      dataMesh: {
        catalog: {
          consumerGroupSchedule: {
            frequency: { seconds: 2 },
            timeout: { seconds: 30 },
          },
        },
      },
    });
    const { consumerGroupSchedule, enrichmentSchedule } =
      readModuleConfig(config);
    expect(consumerGroupSchedule).toEqual({
      frequency: { seconds: 2 },
      timeout: { seconds: 30 },
    });
    expect(enrichmentSchedule.frequency).toEqual({ minutes: 5 });
  });

  it('reads a cron schedule with an initial delay', () => {
    const config = new ConfigReader({
      dataMesh: {
        catalog: {
          enrichmentSchedule: {
            frequency: { cron: '*/10 * * * *' },
            timeout: 'PT3M',
            initialDelay: { seconds: 15 },
          },
        },
      },
    });
    expect(readModuleConfig(config).enrichmentSchedule).toMatchObject({
      frequency: { cron: '*/10 * * * *' },
      initialDelay: { seconds: 15 },
    });
  });

  it('rejects a configured schedule without a frequency', () => {
    const config = new ConfigReader({
      dataMesh: {
        catalog: { enrichmentSchedule: { timeout: { minutes: 1 } } },
      },
    });
    expect(() => readModuleConfig(config)).toThrow(/frequency/);
  });

  it('reads the governance rules, failing on a bad key', () => {
    const config = (governance: object) =>
      new ConfigReader({ dataMesh: { governance } });
    expect(
      readModuleConfig(config({ requiredTags: ['reviewed'] })).governance
        .requiredTags,
    ).toEqual(['reviewed']);
    expect(() => readModuleConfig(config({ allowedFormats: ['xml'] }))).toThrow(
      "Invalid config at dataMesh.governance.allowedFormats[0]: 'xml' is not one of avro, json, protobuf",
    );
  });
});
