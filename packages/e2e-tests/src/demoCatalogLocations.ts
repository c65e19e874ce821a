import { DEMO_CATALOG_FILES } from '@kafka-mesh/demo-mesh';
import { ANNOTATION_CONSUMER_GROUPS } from '@kafka-mesh/plugin-data-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { repoRoot } from './repoPaths';

/** The backend resolves file locations from its own folder. */
const backendDir = path.join(repoRoot, 'packages/backend');

type Location = { type: string; target: string; rules?: unknown };

/** A copy of a catalog file whose consumer groups carry the demo's topic prefix. */
function withPrefixedConsumerGroups(
  file: string,
  prefix: string,
  dir: string,
): string {
  const documents = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(
    doc => {
      const entity = doc.toJS();
      const annotations = entity.metadata?.annotations ?? {};
      const groups: string | undefined =
        annotations[ANNOTATION_CONSUMER_GROUPS];
      if (groups) {
        annotations[ANNOTATION_CONSUMER_GROUPS] = groups
          .split(',')
          .map(entry => entry.trim().replace('/', `/${prefix}`))
          .join(',');
      }
      return stringify(entity);
    },
  );
  const copy = path.join(dir, path.basename(file));
  fs.writeFileSync(copy, documents.join('---\n'));
  return copy;
}

/**
 * The portal's catalog locations plus the demo organisation's, as absolute
 * paths for `startBackend`'s extra config (config arrays replace, they do
 * not merge). The demo runs behind a topic prefix, so its consumer groups
 * are renamed; the components that name them get a renamed copy.
 */
export function catalogLocationsWithDemo(consumerGroupPrefix: string): {
  locations: Location[];
  cleanup(): void;
} {
  const appConfig = parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  const own = (appConfig.catalog?.locations ?? []) as Location[];
  const absolute = own.map(location =>
    location.type === 'file'
      ? { ...location, target: path.resolve(backendDir, location.target) }
      : location,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-catalog-'));
  const demo = DEMO_CATALOG_FILES.map(file => ({
    type: 'file',
    target: withPrefixedConsumerGroups(file, consumerGroupPrefix, dir),
  }));
  // Once app-config lists the demo's files (one by one or by a glob),
  // the copies replace them: both would define the same entities.
  const demoDir = path.dirname(DEMO_CATALOG_FILES[0]);
  return {
    locations: [
      ...absolute.filter(l => !l.target.startsWith(`${demoDir}${path.sep}`)),
      ...demo,
    ],
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
