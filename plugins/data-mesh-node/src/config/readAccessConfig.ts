import { Config } from '@backstage/config';
import {
  DATA_CLASSIFICATIONS,
  DataClassification,
  parseIsoDuration,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * `dataMesh.access`, with defaults applied.
 *
 * @public
 */
export interface DataMeshAccessConfig {
  /** Classifications whose products need an owner's approval. */
  approvalRequired: DataClassification[];
  /** The longest grant, ISO 8601, and in milliseconds. */
  maxDuration: string;
  maxDurationMs: number;
  /** What the request form proposes, ISO 8601. */
  defaultDuration: string;
}

/**
 * The classification a product without one counts as.
 *
 * @public
 */
export const DEFAULT_CLASSIFICATION: DataClassification = 'internal';

/** @public */
export const DEFAULT_ACCESS_CONFIG: Omit<
  DataMeshAccessConfig,
  'maxDurationMs'
> = {
  approvalRequired: ['confidential', 'restricted'],
  maxDuration: 'P90D',
  defaultDuration: 'P30D',
};

function duration(key: string, text: string): number {
  try {
    const ms = parseIsoDuration(text);
    if (ms > 0) return ms;
    throw new TypeError(`'${text}' is not longer than zero`);
  } catch (error) {
    throw new Error(`Invalid config at ${key}: ${(error as Error).message}`);
  }
}

/**
 * Reads `dataMesh.access`; a wrong value fails the startup with the key
 * that holds it.
 *
 * @public
 */
export function readAccessConfig(config: Config): DataMeshAccessConfig {
  const key = 'dataMesh.access';
  const root = config.getOptionalConfig(key);
  const approvalRequired =
    root?.getOptionalStringArray('approvalRequired') ??
    DEFAULT_ACCESS_CONFIG.approvalRequired;
  for (const value of approvalRequired) {
    if (!(DATA_CLASSIFICATIONS as readonly string[]).includes(value)) {
      throw new Error(
        `Invalid config at ${key}.approvalRequired: '${value}' is not one of ${DATA_CLASSIFICATIONS.join(
          ', ',
        )}`,
      );
    }
  }
  const maxDuration =
    root?.getOptionalString('maxDuration') ?? DEFAULT_ACCESS_CONFIG.maxDuration;
  const defaultDuration =
    root?.getOptionalString('defaultDuration') ??
    DEFAULT_ACCESS_CONFIG.defaultDuration;
  const maxDurationMs = duration(`${key}.maxDuration`, maxDuration);
  if (duration(`${key}.defaultDuration`, defaultDuration) > maxDurationMs) {
    throw new Error(
      `Invalid config at ${key}.defaultDuration: '${defaultDuration}' is longer than maxDuration '${maxDuration}'`,
    );
  }
  return {
    approvalRequired: approvalRequired as DataClassification[],
    maxDuration,
    maxDurationMs,
    defaultDuration,
  };
}
