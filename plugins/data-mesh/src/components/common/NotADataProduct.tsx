import { WarningPanel } from '@backstage/core-components';

export function NotADataProduct() {
  return (
    <WarningPanel
      title="Not a data product"
      message="This view only applies to entities of kind DataProduct."
    />
  );
}
