import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import { DataProductId, dataMeshApiRef } from '../../api';
import { saveJsonFile } from '../../lib';
import { statusOf } from '../common/errors';

/** Enough records to exercise a consumer, small enough to read. */
export const TEST_DATA_COUNT = 20;

/**
 * Why no test data came, in words: a refusal or a busy backend said so,
 * otherwise the backend's own reason (a schema beyond the generator's
 * limits names the limit), which beats "Request failed with 400".
 */
export function testDataError(error: Error): string {
  const status = statusOf(error);
  if (status === 403) {
    return 'You may not generate test data for this product.';
  }
  const { response, cause } = error as {
    response?: { headers?: { get?: (name: string) => string | null } };
    cause?: { message?: unknown };
  };
  if (status === 429) {
    const after = Number(response?.headers?.get?.('Retry-After'));
    return `The portal is generating test data for others right now; try again in ${
      after > 0 ? `${after} seconds` : 'a moment'
    }.`;
  }
  return typeof cause?.message === 'string' && cause.message
    ? cause.message
    : error.message;
}

/**
 * Consumer self-service: made-up records that follow the latest schema,
 * saved as a JSON file, to build and test a consumer without real (possibly
 * personal) data.
 */
export function DownloadTestDataButton({
  product,
}: {
  product: DataProductId;
}) {
  const api = useApi(dataMeshApiRef);
  const [state, download] = useAsyncFn(async () => {
    const { records } = await api.getSyntheticRecords(product, {
      count: TEST_DATA_COUNT,
    });
    saveJsonFile(`${product.name}-synthetic.json`, records);
    return records.length;
  }, [api, product.namespace, product.name]);

  return (
    <Box>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() => download()}
        disabled={state.loading}
        aria-describedby="data-mesh-test-data-hint"
      >
        Download test data
      </Button>
      <Typography
        id="data-mesh-test-data-hint"
        variant="caption"
        color="textSecondary"
        display="block"
      >
        {state.value === undefined
          ? `${TEST_DATA_COUNT} made-up records following the latest schema, as JSON.`
          : `Saved ${state.value} made-up records.`}
      </Typography>
      {state.error && (
        <Alert severity="error">
          Could not generate test data: {testDataError(state.error)}
        </Alert>
      )}
    </Box>
  );
}
