import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';
import {
  assertEntityName,
  assertEntityNamespace,
  assertEntityRef,
} from './safeValues';

/**
 * The kinds a generated catalog file may describe: things a team builds.
 * Never who may do what (Group, User) nor where to read more entities
 * (Location): a value that broke out of its field could otherwise make its
 * author an admin or pull in any file.
 */
export const REGISTRABLE_KINDS = [
  'Component',
  'API',
  'Resource',
  'DataProduct',
] as const;

export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

type Entity = {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  spec?: { owner?: unknown; system?: unknown };
};

/**
 * The ref of the one entity a generated catalog-info.yaml describes, found
 * before (and without) the catalog reading the file. A template renders
 * exactly one entity; a second YAML document can only come from a value
 * that escaped its field (`"x\n---\nkind: Group…"`), so it is refused
 * rather than registered.
 *
 * @throws InputError when the file is not YAML, does not hold exactly one
 *   document, describes a kind outside `allowedKinds`, or its name,
 *   namespace, owner or system is not valid
 */
export function catalogInfoRef(
  text: string,
  file: string,
  allowedKinds: readonly string[],
): string {
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
  }
  if (docs.length > 1) {
    throw new InputError(
      `${file} holds ${docs.length} YAML documents; a generated catalog file must describe exactly one entity (a value rendered into it may have added the others)`,
    );
  }
  const entity = docs[0]?.toJSON() as Entity | null | undefined;
  if (entity === null || entity === undefined) {
    throw new InputError(`${file} describes no entities`);
  }
  const { kind, metadata, spec } = entity;
  if (typeof kind !== 'string' || typeof metadata?.name !== 'string') {
    throw new InputError(
      `${file} is not an entity; it needs kind and metadata.name`,
    );
  }
  const lowerKind = kind.toLocaleLowerCase('en-US');
  if (!allowedKinds.some(k => k.toLocaleLowerCase('en-US') === lowerKind)) {
    throw new InputError(
      `${file} describes a ${kind}; this step registers only ${allowedKinds.join(
        ', ',
      )} (allowedKinds)`,
    );
  }

  const name = assertEntityName(metadata.name, `${file}: metadata.name`);
  const namespace =
    metadata.namespace === undefined
      ? DEFAULT_NAMESPACE
      : assertEntityNamespace(
          metadata.namespace,
          `${file}: metadata.namespace`,
        );
  // The values templates write into a catalog file; relative refs resolve
  // in the entity's namespace, as the catalog resolves them.
  if (spec?.owner !== undefined) {
    assertEntityRef(spec.owner, `${file}: spec.owner`, {
      kinds: ['Group', 'User'],
      defaultKind: 'Group',
      defaultNamespace: namespace,
    });
  }
  if (spec?.system !== undefined) {
    assertEntityRef(spec.system, `${file}: spec.system`, {
      kinds: ['System'],
      defaultKind: 'System',
      defaultNamespace: namespace,
    });
  }
  return stringifyEntityRef({ kind, namespace, name });
}
