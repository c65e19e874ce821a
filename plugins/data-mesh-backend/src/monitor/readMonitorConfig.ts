import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseIsoDuration } from '@kafka-mesh/plugin-data-mesh-common';

/** `dataMesh.monitor`, with defaults, durations in ms. */
export interface MonitorConfig {
  frequencyMs: number;
  retentionMs: number;
  maxRecordsPerProduct: number;
  maxRecordsPerRun: number;
}

export const DEFAULT_MONITOR_CONFIG = {
  frequency: 'PT1M',
  retention: 'P7D',
  maxRecordsPerProduct: 500,
  maxRecordsPerRun: 20_000,
};

function duration(config: Config | undefined, key: string, fallback: string) {
  const text = config?.getOptionalString(key) ?? fallback;
  try {
    const ms = parseIsoDuration(text);
    if (!(ms > 0)) throw new Error('must be longer than zero');
    return ms;
  } catch (error) {
    throw new InputError(
      `Invalid config at dataMesh.monitor.${key}: '${text}' is not a positive ISO-8601 duration (${
        (error as Error).message
      })`,
    );
  }
}

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `Invalid config at dataMesh.monitor.${key}: must be a positive integer`,
    );
  }
  return value;
}

/** Reads `dataMesh.monitor`. @throws InputError on a malformed value */
export function readMonitorConfig(root: Config): MonitorConfig {
  const config = root.getOptionalConfig('dataMesh.monitor');
  const d = DEFAULT_MONITOR_CONFIG;
  return {
    frequencyMs: duration(config, 'frequency', d.frequency),
    retentionMs: duration(config, 'retention', d.retention),
    maxRecordsPerProduct: positive(
      config,
      'maxRecordsPerProduct',
      d.maxRecordsPerProduct,
    ),
    maxRecordsPerRun: positive(config, 'maxRecordsPerRun', d.maxRecordsPerRun),
  };
}
