import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  CatalogAutocomplete,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { dataMeshApiRef } from '../../api';
import { DataProductFilters, FailingChecksFilter } from './filters';

const FAILING = 'failing';

/**
 * Quality checks: `failing` lists the products the contract monitor finds
 * failing now (see `FailingChecksFilter`); restored from
 * `filters[checks]=failing` in the URL. The failing products are asked
 * when the filter is chosen, so the list is as of that moment.
 */
export function FailingChecksPicker() {
  const api = useApi(dataMeshApiRef);
  const {
    updateFilters,
    queryParameters: { checks: parameter },
  } = useEntityList<DataProductFilters>();
  const [value, setValue] = useState<string | null>(() =>
    [parameter].flat()[0] === FAILING ? FAILING : null,
  );
  const failing = useAsync(
    async () => (value === FAILING ? api.getFailingProducts() : undefined),
    [api, value],
  );
  useEffect(() => {
    if (value !== FAILING) {
      updateFilters({ checks: undefined });
    } else if (failing.value) {
      updateFilters({ checks: new FailingChecksFilter(failing.value.items) });
    }
  }, [value, failing.value, updateFilters]);
  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<string>
        label="Quality checks"
        name="checks-picker"
        options={[FAILING]}
        value={value}
        onChange={(_event, option) => setValue(option)}
      />
      {failing.error && (
        <Typography variant="caption" color="error" role="alert">
          The failing products could not be asked: {failing.error.message}
        </Typography>
      )}
      {failing.value?.truncated && (
        <Typography variant="caption" color="textSecondary" role="status">
          More products fail than the filter can list; the first{' '}
          {failing.value.items.length} are shown.
        </Typography>
      )}
    </Box>
  );
}
