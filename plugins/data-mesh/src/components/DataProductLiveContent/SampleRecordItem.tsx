import { CodeSnippet } from '@backstage/core-components';
import type { SampleRecord } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { TimeAgo } from '../common';

/** One sample record: where it sits, when it was written, its value. */
export function SampleRecordItem({ record }: { record: SampleRecord }) {
  return (
    <Box component="li" mb={2}>
      <Typography variant="caption" color="textSecondary">
        Partition {record.partition}, offset {record.offset}, written{' '}
        <TimeAgo at={record.timestamp} />
        {record.key !== undefined ? `, key ${record.key}` : ''}
        {record.masked.length > 0
          ? ` (masked: ${record.masked.join(', ')})`
          : ''}
      </Typography>
      <Box aria-label={`Sample at offset ${record.offset}`}>
        <CodeSnippet
          text={JSON.stringify(record.value, null, 2)}
          language="json"
        />
      </Box>
    </Box>
  );
}
