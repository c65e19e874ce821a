import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { dataMeshSamplesReadPermission } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { DataProductId } from '../../api';
import { ErrorPanel, statusOf } from '../common';
import { RefreshButton } from './RefreshButton';
import { SampleRecordItem } from './SampleRecordItem';
import { useProductSamples } from './useProductSamples';

/**
 * The newest records of the topic, personal fields masked unless the user
 * may see them; what to ask for when the user may not read samples at all.
 */
export function SampleMessagesCard({ product }: { product: DataProductId }) {
  const { value, loading, error, retry } = useProductSamples(product);
  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error && statusOf(error) === 403) {
    body = (
      <WarningPanel
        severity="info"
        title="Sample messages are restricted"
        message={`You need permission ${dataMeshSamplesReadPermission.name} on this data product to read sample messages. Ask the owning team or a platform admin.`}
      />
    );
  } else if (error) {
    body = <ErrorPanel error={error} title="Could not read sample messages" />;
  } else if (value && value.records.length === 0) {
    body = <Typography>The topic holds no records.</Typography>;
  } else if (value) {
    body = (
      <>
        {!value.piiVisible && value.records.some(r => r.masked.length > 0) && (
          <Box mb={2}>
            <Alert severity="info">Personal data fields are masked.</Alert>
          </Box>
        )}
        <Box component="ul" p={0} style={{ listStyle: 'none' }}>
          {value.records.map(record => (
            <SampleRecordItem
              key={`${record.partition}:${record.offset}`}
              record={record}
            />
          ))}
        </Box>
      </>
    );
  }
  // Owners (who see personal data) are the ones who can fix the descriptor.
  const unlisted = value?.piiVisible ? value.unlistedPiiFields ?? [] : [];
  return (
    <InfoCard
      title="Sample messages"
      subheader="The newest records, as decoded by the data mesh backend"
      action={<RefreshButton onClick={retry} label="Refresh samples" />}
    >
      {unlisted.length > 0 && (
        <Box mb={2}>
          <Alert severity="warning">
            The schema marks {unlisted.join(', ')} as personal but piiFields
            does not list them; they are masked for other readers.
          </Alert>
        </Box>
      )}
      {body}
    </InfoCard>
  );
}
