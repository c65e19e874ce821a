import type { Config } from '@backstage/config';
import type { CatalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/** The config key that turns `file` locations on. */
export const FILE_LOCATIONS_KEY =
  'dataMesh.scaffolder.localRepositories.enabled';

/**
 * Lets the catalog register `file` locations, which
 * `dataMesh:repo:publishLocal` (the scaffolder module) needs for the
 * catalog-info.yaml of a local repository. The catalog backend allows only
 * `url` locations to be registered by default, and no config key of its own
 * changes that; its locations extension point is the only switch, so the
 * suite's catalog module holds it.
 *
 * For local development and demos only, so off unless
 * `dataMesh.scaffolder.localRepositories.enabled` is true: anyone who may
 * create locations can point the catalog at any file the backend can read.
 * Returns whether it allowed them.
 */
export function allowFileLocations(
  config: Config,
  locations: CatalogLocationsExtensionPoint,
): boolean {
  if (!config.getOptionalBoolean(FILE_LOCATIONS_KEY)) return false;
  locations.setAllowedLocationTypes(['url', 'file']);
  return true;
}
