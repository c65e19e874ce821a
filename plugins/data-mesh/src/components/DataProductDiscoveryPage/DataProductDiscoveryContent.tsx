import {
  EntityListProvider,
  EntitySearchBar,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { CandidateStreamsCard } from './CandidateStreamsCard';
import { CatalogApiWithFields } from './CatalogApiWithFields';
import { DataProductsTable } from './DataProductsTable';
import { DiscoveryFilters } from './DiscoveryFilters';
import { DISCOVERY_ENTITY_FIELDS } from './discoveryFields';
import { GovernanceRulesCard } from './GovernanceRulesCard';
import { useDataProductKind } from './useDataProductKind';

/** The page size of the discovery table unless the URL says otherwise. */
export const DISCOVERY_PAGE_SIZE = 20;

function DataProductsList() {
  useDataProductKind();
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <EntitySearchBar />
      </Grid>
      <DiscoveryFilters />
      <Grid item xs={12}>
        <DataProductsTable />
      </Grid>
    </Grid>
  );
}

/**
 * The discovery table with its search and filters, and for owners the
 * candidate streams and the governance rules below it, without page chrome.
 *
 * The catalog filters and pages the products (`EntityListProvider`, offset
 * paging): the browser holds one page, however many products there are,
 * and the filters and the page are in the URL (`filters[...]`, `offset`,
 * `limit`), so a filtered view is shared by its link.
 */
export function DataProductDiscoveryContent() {
  return (
    <>
      <CatalogApiWithFields fields={DISCOVERY_ENTITY_FIELDS}>
        <EntityListProvider
          pagination={{ mode: 'offset', limit: DISCOVERY_PAGE_SIZE }}
        >
          <DataProductsList />
        </EntityListProvider>
      </CatalogApiWithFields>
      <Box mt={3}>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={7}>
            <CandidateStreamsCard />
          </Grid>
          <Grid item xs={12} lg={5}>
            <GovernanceRulesCard />
          </Grid>
        </Grid>
      </Box>
    </>
  );
}
