import { ReactNode } from 'react';
import {
  EntityAutocompletePicker,
  EntityLifecyclePicker,
  EntityOwnerPicker,
  EntityTagPicker,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  ClassificationFilter,
  DataProductFilters,
  DomainFilter,
  QualityFilter,
  SlaTierFilter,
} from './filters';
import { FailingChecksPicker } from './FailingChecksPicker';
import { PiiPicker } from './PiiPicker';

/** The spec fields offered as catalog autocomplete pickers. */
const SPEC_PICKERS = [
  {
    name: 'domain',
    label: 'Domain',
    path: 'spec.domain',
    Filter: DomainFilter,
  },
  {
    name: 'tier',
    label: 'SLA tier',
    path: 'spec.sla.tier',
    Filter: SlaTierFilter,
  },
  {
    name: 'quality',
    label: 'Quality',
    path: 'spec.quality',
    Filter: QualityFilter,
  },
  {
    name: 'classification',
    label: 'Classification',
    path: 'spec.classification',
    Filter: ClassificationFilter,
  },
] as const;

function Cell({ children }: { children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={3}>
      {children}
    </Grid>
  );
}

/**
 * The pickers of the discovery page, as grid items in rows above the table
 * (which needs the page's width for its nine columns). Each sets a filter
 * of the surrounding `EntityListProvider`, which the catalog applies to
 * the page it returns, and reads its value back from the URL. The options
 * of a picker are the values DataProducts have (catalog facets).
 */
export function DiscoveryFilters() {
  return (
    <>
      <Cell>
        <EntityOwnerPicker />
      </Cell>
      {SPEC_PICKERS.map(({ name, label, path, Filter }) => (
        <Cell key={name}>
          <EntityAutocompletePicker<DataProductFilters, typeof name>
            label={label}
            name={name}
            path={path}
            Filter={Filter}
          />
        </Cell>
      ))}
      <Cell>
        <EntityLifecyclePicker />
      </Cell>
      <Cell>
        <EntityTagPicker />
      </Cell>
      <Cell>
        <PiiPicker />
      </Cell>
      <Cell>
        <FailingChecksPicker />
      </Cell>
    </>
  );
}
