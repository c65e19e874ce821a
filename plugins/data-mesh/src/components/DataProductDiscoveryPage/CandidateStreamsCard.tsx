import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { dataMeshApiRef } from '../../api';
import { ErrorPanel } from '../common';

/**
 * For owners: topics with a registered value schema that are not published
 * as data products yet, as listed by the catalog module. Fails on its own,
 * without taking the rest of the page down.
 */
export function CandidateStreamsCard() {
  const api = useApi(dataMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getCandidateStreams(),
    [api],
  );

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ErrorPanel error={error} title="Could not load the candidate streams" />
    );
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography>
        No candidate streams: every topic with a registered schema is already
        published.
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label="Candidate streams">
        <TableHead>
          <TableRow>
            <TableCell>Cluster</TableCell>
            <TableCell>Topic</TableCell>
            <TableCell>Schema subject</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(item => (
            <TableRow key={`${item.cluster}/${item.topic}`}>
              <TableCell>{item.cluster}</TableCell>
              <TableCell>
                <code>{item.topic}</code>
              </TableCell>
              <TableCell>
                <code>{item.subject}</code>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="Candidate streams"
      subheader={
        // One element: the card lays its subheader's children out in a row.
        <span>
          For owners: topics with a registered schema that are not published
          yet. Publish one with the{' '}
          <Link to="/create">Add a stream to the mesh</Link> template, or with a
          descriptor through the data mesh REST API (
          <code>
            PUT /api/data-mesh/products/&lt;namespace&gt;/&lt;name&gt;
          </code>
          ).
        </span>
      }
      action={
        <Button
          size="small"
          onClick={() => retry()}
          aria-label="Refresh candidate streams"
        >
          Refresh
        </Button>
      }
    >
      {body}
    </InfoCard>
  );
}
