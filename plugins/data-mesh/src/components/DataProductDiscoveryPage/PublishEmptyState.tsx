import { EmptyState, Link } from '@backstage/core-components';

/** How to publish, shown when the catalog holds no data product. */
export function PublishEmptyState() {
  return (
    <EmptyState
      missing="data"
      title="No data products published yet"
      description={
        <>
          Publish a Kafka topic as a data product with the{' '}
          <Link to="/create">Create data product</Link> template (or, for a
          topic that exists, Add a stream to the mesh), or with a descriptor
          through the data mesh REST API (
          <code>
            PUT /api/data-mesh/products/&lt;namespace&gt;/&lt;name&gt;
          </code>
          ). Published products show up here within seconds.
        </>
      }
    />
  );
}
