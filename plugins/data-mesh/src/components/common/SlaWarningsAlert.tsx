import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode } from 'react';

/**
 * Where a declared SLA promises more than its inputs give: the title names
 * the inputs that limit it, one line per weaker field follows. Shared by the
 * product's overview and the create wizard's effective-SLA preview.
 */
export function SlaWarningsAlert(props: {
  title: string;
  /** Entity refs of the inputs behind the warnings. */
  limitedBy: string[];
  warnings: string[];
  children?: ReactNode;
}) {
  const { title, limitedBy, warnings, children } = props;
  return (
    <Alert severity="warning">
      <AlertTitle>
        {title}, limited by{' '}
        {limitedBy.map((ref, i) => (
          <span key={ref}>
            {i > 0 && ', '}
            <EntityRefLink entityRef={ref} defaultKind="DataProduct" />
          </span>
        ))}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {warnings.map(warning => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
      {children}
    </Alert>
  );
}
