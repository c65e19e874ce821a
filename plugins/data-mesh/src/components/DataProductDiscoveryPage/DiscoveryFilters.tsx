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
      <Cell>
        <EntityAutocompletePicker<DataProductFilters, 'domain'>
          label="Domain"
          name="domain"
          path="spec.domain"
          Filter={DomainFilter}
        />
      </Cell>
      <Cell>
        <EntityAutocompletePicker<DataProductFilters, 'tier'>
          label="SLA tier"
          name="tier"
          path="spec.sla.tier"
          Filter={SlaTierFilter}
        />
      </Cell>
      <Cell>
        <EntityAutocompletePicker<DataProductFilters, 'quality'>
          label="Quality"
          name="quality"
          path="spec.quality"
          Filter={QualityFilter}
        />
      </Cell>
      <Cell>
        <EntityAutocompletePicker<DataProductFilters, 'classification'>
          label="Classification"
          name="classification"
          path="spec.classification"
          Filter={ClassificationFilter}
        />
      </Cell>
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
