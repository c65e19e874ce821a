/*
 * The backend the benchmarks measure: the portal's catalog and data mesh
 * features plus the floor provider (benchFeatures.ts).
 */
import { createBackend } from '@backstage/backend-defaults';
import { addBenchFeatures } from './benchFeatures';

const backend = createBackend();
addBenchFeatures(backend);
backend.start();
