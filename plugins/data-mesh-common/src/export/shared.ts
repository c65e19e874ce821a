import { productIdOf } from '../entity/helpers';
import type { DataProductEntity } from '../entity/types';

/**
 * A key/value pair for what a standard has no field for (ODPS and ODCS
 * spell it alike).
 *
 * @public
 */
export interface OdpsCustomProperty {
  property: string;
  value: unknown;
  description?: string;
}

/**
 * One member of the owning team, when the caller knows them (e.g. from the
 * catalog's group membership); the export never looks them up itself.
 *
 * @public
 */
export interface OpenStandardTeamMember {
  /** The member's username, email or entity ref. */
  username: string;
  name?: string;
  /** Default `member`. */
  role?: string;
}

/**
 * The team object ODPS v1.x and ODCS v3.1 share: the owner's entity ref is
 * its name (what the import reads the owner from), with its title and the
 * members when known.
 *
 * @public
 */
export interface OpenStandardTeam {
  name: string;
  description?: string;
  members?: Array<{ username: string; name?: string; role: string }>;
}

/**
 * What the caller may know about the owner beyond its entity ref.
 *
 * @public
 */
export interface OwnerDetails {
  /** The group's title or display name. */
  title?: string;
  members?: OpenStandardTeamMember[];
}

/*
 * A product has exactly one output port, whose contract is the product's
 * topic and schema subject: the contract id is the product id. Port and
 * contract versions are required by the standards but we have none to
 * give: compatible schema changes stay under one subject, a breaking change
 * is a new product that replaces this one, so each port (and its contract)
 * is at its first and only version.
 */
export const PORT_VERSION = '1.0.0';
export const ON_CALL_CHANNEL = 'on-call';
export const MEMBER_ROLE = 'member';

/** The id of the ODCS contract of the product's output port. */
export function contractIdOf(entity: DataProductEntity): string {
  return productIdOf(entity);
}

export function teamOf(
  entity: DataProductEntity,
  owner: OwnerDetails = {},
): OpenStandardTeam {
  return {
    name: entity.spec.owner,
    ...(owner.title ? { description: owner.title } : {}),
    ...(owner.members?.length
      ? {
          members: owner.members.map(member => ({
            username: member.username,
            ...(member.name ? { name: member.name } : {}),
            role: member.role ?? MEMBER_ROLE,
          })),
        }
      : {}),
  };
}

export function supportOf(entity: DataProductEntity) {
  return [
    { channel: ON_CALL_CHANNEL, url: entity.spec.sla.onCall, scope: 'issues' },
  ];
}

/** Leaves out the keys whose value is undefined (as JSON or YAML would). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
