import { Table, TableColumn } from '@backstage/core-components';
import type { PartitionHealth } from '@kafka-mesh/plugin-data-mesh-common';
import { TimeAgo } from '../common';

/** Records between the start and end offsets; empty when they are not numbers. */
export function recordCount(p: PartitionHealth): string {
  try {
    return (BigInt(p.endOffset) - BigInt(p.startOffset)).toString();
  } catch {
    return '';
  }
}

/**
 * The topic's partitions: offsets, records, and how old each partition's
 * newest record was when the figures were observed.
 */
export function PartitionsTable(props: {
  partitions: PartitionHealth[];
  /** When the figures were taken, ISO; ages count back from it. */
  observedAt: string;
}) {
  const columns: TableColumn<PartitionHealth>[] = [
    { title: 'Partition', field: 'partition', type: 'numeric' },
    { title: 'Start offset', field: 'startOffset' },
    { title: 'End offset', field: 'endOffset' },
    { title: 'Records', render: p => recordCount(p) },
    {
      title: 'Newest record',
      field: 'newestRecordAt',
      render: p =>
        p.newestRecordAt ? (
          <TimeAgo at={p.newestRecordAt} since={props.observedAt} />
        ) : (
          'empty'
        ),
    },
  ];
  return (
    <Table<PartitionHealth>
      title="Partitions"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={props.partitions}
    />
  );
}
