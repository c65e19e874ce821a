import { useEffect, useState } from 'react';
import {
  CatalogAutocomplete,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { DataProductFilters, PiiFilter } from './filters';

type PiiValue = 'yes' | 'no';
const PII_VALUES: PiiValue[] = ['yes', 'no'];

function piiValueOf(parameter: unknown): PiiValue | null {
  const value = [parameter].flat()[0];
  return value === 'yes' || value === 'no' ? value : null;
}

/**
 * Personal data: yes, no or either (cleared), filtered by the catalog (see
 * `PiiFilter`); its value is restored from `filters[pii]` in the URL. It
 * looks and works like the catalog's pickers beside it.
 */
export function PiiPicker() {
  const {
    updateFilters,
    queryParameters: { pii: parameter },
  } = useEntityList<DataProductFilters>();
  const [value, setValue] = useState(() => piiValueOf(parameter));
  useEffect(() => {
    updateFilters({ pii: value ? new PiiFilter(value) : undefined });
  }, [value, updateFilters]);
  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<PiiValue>
        label="Personal data"
        name="pii-picker"
        options={PII_VALUES}
        value={value}
        onChange={(_event, option) => setValue(option)}
      />
    </Box>
  );
}
