import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  NewAccessRequest,
  parseIsoDuration,
  PORTAL_CONSUMER_GROUP_PREFIX,
} from '@kafka-mesh/plugin-data-mesh-common';

const GROUP_PREFIX = /^[A-Za-z0-9._-]{3,100}$/;
const PURPOSE_MIN = 3;
const PURPOSE_MAX = 500;

/** A new request whose fields are well-formed (not yet checked against the catalog). */
export interface ValidRequest extends NewAccessRequest {
  /** The principal's entity ref, canonical (`resource:<namespace>/<name>`). */
  principal: string;
  durationMs: number;
}

function field(body: unknown, name: keyof NewAccessRequest): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string') {
    throw new InputError(`${name} must be a string`);
  }
  return value.trim();
}

function principalRef(text: string): string {
  let ref;
  try {
    ref = parseEntityRef(text, { defaultKind: 'resource' });
  } catch (error) {
    throw new InputError(
      `principal must be the entity ref of a Resource, e.g. resource:default/orders-app`,
      error,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'resource') {
    throw new InputError(
      `principal must be the entity ref of a Resource, not of a ${ref.kind}`,
    );
  }
  return stringifyEntityRef(ref);
}

function duration(text: string, maxMs: number, max: string): number {
  let ms;
  try {
    ms = parseIsoDuration(text);
  } catch (error) {
    throw new InputError(`duration: ${(error as Error).message}`, error);
  }
  if (ms <= 0) throw new InputError('duration must be longer than zero');
  if (ms > maxMs) {
    throw new InputError(
      `duration '${text}' is longer than the maximum, ${max}`,
    );
  }
  return ms;
}

/**
 * Checks the body of `POST .../access-requests` on its own: a Resource ref
 * as principal, a group prefix the portal's own groups cannot collide with,
 * a purpose, a duration within the maximum.
 *
 * @throws InputError naming the field and the reason
 */
export function validateNewRequest(
  body: unknown,
  limits: { maxDuration: string; maxDurationMs: number },
): ValidRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The body must be a JSON object');
  }
  const groupPrefix = field(body, 'groupPrefix');
  if (!GROUP_PREFIX.test(groupPrefix)) {
    throw new InputError(
      'groupPrefix must be 3 to 100 letters, digits, dots, underscores or dashes',
    );
  }
  // The portal's own readers use groups with this prefix; a grant on it
  // would let a consumer pose as (or disturb) them.
  if (groupPrefix.startsWith(PORTAL_CONSUMER_GROUP_PREFIX)) {
    throw new InputError(
      `groupPrefix must not start with '${PORTAL_CONSUMER_GROUP_PREFIX}', which the portal uses for its own consumer groups`,
    );
  }
  const purpose = field(body, 'purpose');
  if (purpose.length < PURPOSE_MIN || purpose.length > PURPOSE_MAX) {
    throw new InputError(
      `purpose must be ${PURPOSE_MIN} to ${PURPOSE_MAX} characters`,
    );
  }
  const durationText = field(body, 'duration');
  return {
    principal: principalRef(field(body, 'principal')),
    groupPrefix,
    purpose,
    duration: durationText,
    durationMs: duration(
      durationText,
      limits.maxDurationMs,
      limits.maxDuration,
    ),
  };
}
