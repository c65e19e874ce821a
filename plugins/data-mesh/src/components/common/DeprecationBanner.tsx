import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { effectiveStatusOf } from '../../lib';

/** A warning for deprecated and retired products: sunset, replacement, reason. */
export function DeprecationBanner({ entity }: { entity: DataProductEntity }) {
  const status = effectiveStatusOf(entity);
  if (status !== 'deprecated' && status !== 'retired') {
    return null;
  }
  const deprecation = entity.spec.deprecation;
  return (
    <Alert severity={status === 'retired' ? 'error' : 'warning'} role="alert">
      <AlertTitle>
        {status === 'retired' ? 'Retired' : 'Deprecated'}
        {deprecation?.sunset ? `: sunset on ${deprecation.sunset}` : ''}
      </AlertTitle>
      {deprecation?.reason && <div>{deprecation.reason}</div>}
      {deprecation?.replacement && (
        <div>
          Move to{' '}
          <EntityRefLink
            entityRef={deprecation.replacement}
            defaultKind="DataProduct"
          />
          .
        </div>
      )}
    </Alert>
  );
}
