import { useMemo } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableProps,
} from '@backstage/core-components';
import { useEntityList } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { dataProductColumns } from './columns';
import { PublishEmptyState } from './PublishEmptyState';
import { useDiscoveryRows } from './useDiscoveryRows';
import { MAX_PAGE_SIZE, usePageKept } from './usePageKept';
import type { DataProductRow } from './toRow';

/** The server's own error behind a failed request, else the error itself. */
function causeOf(error: Error): Error {
  const { cause } = error as { cause?: unknown };
  return cause instanceof Error ? cause : error;
}

// One element for every render: the table remounts its body when this
// changes, which would replace every row's DOM on each render.
const noMatch = (
  <Typography style={{ padding: 16 }}>
    No data product matches the search and filters.
  </Typography>
);

/**
 * One page of data products, as the catalog returned it for the filters
 * (20 a page, in name order). Not sortable: sorting one page of a
 * server-paged list would misorder the list as a whole.
 */
export function DataProductsTable() {
  const {
    filters,
    loading,
    error,
    totalItems,
    totalItemsLoading,
    limit,
    offset,
    setLimit,
    refresh,
  } = useEntityList();
  const { rows, freshnessError } = useDiscoveryRows();
  const { onPageChosen } = usePageKept();
  const pageSize = Math.min(limit, MAX_PAGE_SIZE);
  const options = useMemo<TableProps<DataProductRow>['options']>(
    () => ({
      search: false,
      sorting: false,
      paging: true,
      pageSize,
      pageSizeOptions: [...new Set([20, 50, MAX_PAGE_SIZE, pageSize])].sort(
        (a, b) => a - b,
      ),
      emptyRowsWhenPaging: false,
    }),
    [pageSize],
  );
  const actions = useMemo<TableProps<DataProductRow>['actions']>(
    () => [
      {
        icon: () => <span aria-hidden>⟳</span>,
        tooltip: 'Reload',
        isFreeAction: true,
        onClick: () => refresh?.(),
      },
    ],
    [refresh],
  );

  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load data products" />
    );
  }
  // The catalog holds no DataProduct at all: not this page, not a filter.
  const onlyKind = Object.entries(filters).every(
    ([key, filter]) => key === 'kind' || !filter,
  );
  if (filters.kind && onlyKind && !totalItemsLoading && totalItems === 0) {
    return <PublishEmptyState />;
  }

  return (
    <>
      {freshnessError && (
        <Typography variant="caption" color="textSecondary" role="status">
          Live freshness is unavailable ({causeOf(freshnessError).message}); the
          promised freshness is shown instead.
        </Typography>
      )}
      <Table<DataProductRow>
        title={
          totalItems === undefined
            ? 'Data products'
            : `Data products (${totalItems})`
        }
        options={options}
        columns={dataProductColumns}
        data={rows}
        isLoading={loading}
        page={Math.floor((offset ?? 0) / pageSize)}
        totalCount={totalItems ?? rows.length}
        onPageChange={page => onPageChosen(page * pageSize)}
        onRowsPerPageChange={size => {
          onPageChosen(0);
          setLimit(size);
        }}
        actions={actions}
        emptyContent={noMatch}
      />
    </>
  );
}
