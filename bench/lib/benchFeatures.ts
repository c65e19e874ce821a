/*
 * The portal's catalog and data mesh features (as
 * packages/backend/src/index.ts adds them) plus the floor provider: what
 * every benchmark backend runs. Search, scaffolder and the other portal
 * plugins are left out: they would only add background work that is not
 * measured.
 */
import type { createBackend } from '@backstage/backend-defaults';
import { benchFloorModule } from './floorModule';

export function addBenchFeatures(backend: ReturnType<typeof createBackend>) {
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@kafka-mesh/plugin-catalog-backend-module-data-mesh'));
  backend.add(import('@kafka-mesh/plugin-data-mesh-backend'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@kafka-mesh/plugin-permission-backend-module-data-mesh-policy'),
  );
  backend.add(benchFloorModule);
}
