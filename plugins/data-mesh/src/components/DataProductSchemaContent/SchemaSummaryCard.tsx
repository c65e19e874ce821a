import { InfoCard } from '@backstage/core-components';
import type {
  DataProductEntity,
  SchemaVersionsResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { DataProductId } from '../../api';
import { DownloadTestDataButton } from './DownloadTestDataButton';
import { SchemaVersionSelect } from './SchemaVersionSelect';

/**
 * The subject of a product's schema: the version picker, its compatibility
 * level, test data, and a note when the catalog has not seen the latest
 * version yet.
 */
export function SchemaSummaryCard(props: {
  entity: DataProductEntity;
  product: DataProductId;
  /** Non-empty. */
  versions: SchemaVersionsResponse;
  selected: number;
  onSelect: (version: number) => void;
}) {
  const { entity, product, versions, selected, onSelect } = props;
  const latest = versions.versions[versions.versions.length - 1];
  const observed = entity.spec.observed?.schema;
  const observedVersion =
    observed?.status === 'registered' ? observed.version : undefined;
  const compatibility = versions.compatibility ?? 'unknown';
  return (
    <InfoCard title="Schema">
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <SchemaVersionSelect
          id="data-mesh-schema-version"
          label="Version"
          versions={versions.versions}
          value={selected}
          onChange={onSelect}
        />
        <Typography variant="body2" style={{ marginRight: 16 }}>
          Subject <code>{versions.subject}</code>
        </Typography>
        <Typography variant="body2" component="span">
          Compatibility{' '}
          <Chip
            size="small"
            label={compatibility}
            aria-label={`Compatibility level ${compatibility}`}
          />
        </Typography>
        <Box ml="auto">
          <DownloadTestDataButton product={product} />
        </Box>
      </Box>
      {observedVersion !== undefined && observedVersion !== latest && (
        <Box mt={2}>
          <Alert severity="info">
            The catalog last saw v{observedVersion}; the registry now has v
            {latest}. Catalog facts refresh on the next processing run.
          </Alert>
        </Box>
      )}
    </InfoCard>
  );
}
