import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ConsumerGroupLag } from '@kafka-mesh/plugin-data-mesh-common';
import Typography from '@material-ui/core/Typography';

const columns: TableColumn<ConsumerGroupLag>[] = [
  { title: 'Consumer group', field: 'groupId', highlight: true },
  { title: 'State', field: 'state' },
  {
    title: 'Total lag',
    field: 'totalLag',
    type: 'numeric',
    defaultSort: 'desc',
  },
  {
    title: 'Component',
    field: 'component',
    render: group => {
      if (!group.component && !group.product) {
        return (
          <Typography variant="body2" color="textSecondary">
            not in the catalog
          </Typography>
        );
      }
      return (
        <>
          {group.component && (
            <EntityRefLink
              entityRef={group.component}
              defaultKind="component"
            />
          )}
          {group.component && group.product && <br />}
          {group.product && (
            <Typography variant="body2" component="span">
              processor of{' '}
              <EntityRefLink
                entityRef={group.product}
                defaultKind="dataproduct"
              />
            </Typography>
          )}
        </>
      );
    },
  },
];

/**
 * The consumer groups reading the topic, the most lagging first, with the
 * catalog component (or the derived product's processor) behind each.
 */
export function ConsumerGroupsTable(props: {
  groups: ConsumerGroupLag[];
  onRefresh: () => void;
}) {
  return (
    <Table<ConsumerGroupLag>
      title="Consumer groups"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={props.groups}
      actions={[
        {
          icon: () => <span aria-hidden>⟳</span>,
          tooltip: 'Refresh consumer groups',
          isFreeAction: true,
          onClick: () => props.onRefresh(),
        },
      ]}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No consumer group reads this topic.
        </Typography>
      }
    />
  );
}
