import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** A user ref as a link to the user; `system` (expiry, the ACL worker) as text. */
export function RequesterLink({ actor }: { actor: string }) {
  if (!actor || actor === 'system' || !actor.includes(':')) {
    return <>{actor || 'unknown'}</>;
  }
  return <EntityRefLink entityRef={actor} defaultKind="user" />;
}
