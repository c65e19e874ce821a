import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** One figure of the health card under its caption. */
export function LiveFact({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" display="block">
        {label}
      </Typography>
      {children}
    </Box>
  );
}
