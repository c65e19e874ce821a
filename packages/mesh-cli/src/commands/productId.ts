import { parseProductId } from '@kafka-mesh/plugin-data-mesh-common';
import { CliError } from '../lib/CliError';

/** The id, checked to be `<namespace>/<name>`; a CliError otherwise. */
export function checkProductId(id: string): string {
  try {
    parseProductId(id);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return id;
}
