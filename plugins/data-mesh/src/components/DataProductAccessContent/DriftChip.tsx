import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  unrequested: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  missing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

const DESCRIPTIONS = {
  unrequested: 'an ACL nobody requested',
  missing: 'a granted ACL is not on the broker',
  'in-sync': 'the ACLs match the grants',
};

/**
 * How a principal's ACLs differ from the grants: `unrequested` (warning),
 * `missing` (error) or `in sync`.
 */
export function DriftChip({
  kind,
}: {
  kind: 'unrequested' | 'missing' | 'in-sync';
}) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={kind === 'in-sync' ? 'in sync' : kind}
      title={`Drift: ${DESCRIPTIONS[kind]}`}
      className={kind === 'in-sync' ? undefined : classes[kind]}
      variant={kind === 'in-sync' ? 'outlined' : 'default'}
    />
  );
}
