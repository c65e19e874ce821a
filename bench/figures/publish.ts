import { publishDescriptor } from '@kafka-mesh/plugin-data-mesh-node';
import { Figure, figure, percentile, waitFor } from '../lib/figures';
import { isReadable, Session } from '../lib/session';

const POLL_MS = 25;

/**
 * Publish → visible, beside a plain Component handed to the catalog by the
 * floor provider in the same backend, alternately, so that drift in the
 * machine's speed hits both the same.
 */
export async function measurePublish(session: Session): Promise<Figure[]> {
  const { backend, producer, registryTopic, unpublished } = session;
  const product: number[] = [];
  const floor: number[] = [];
  // The first of each warms the consumer, the producer and the routes.
  for (let i = 0; i < unpublished.length; i++) {
    const entity = unpublished[i];
    const name = entity.metadata.name;
    let startedAt = Date.now();
    await publishDescriptor(producer, registryTopic, entity);
    let seenAt = await waitFor(() => isReadable(backend, 'dataproduct', name), {
      everyMs: POLL_MS,
      what: `dataproduct ${name}`,
    });
    if (i > 0) product.push(seenAt - startedAt);

    const component = `floor-delta-${name}`;
    startedAt = Date.now();
    await backend.call(
      `/api/catalog/bench-floor/delta?name=${component}&type=bench-floor`,
      'POST',
    );
    seenAt = await waitFor(() => isReadable(backend, 'component', component), {
      everyMs: POLL_MS,
      what: `component ${component}`,
    });
    if (i > 0) floor.push(seenAt - startedAt);
  }
  const detail = {
    publishes: product.length,
    p50: Math.round(percentile(product, 50)),
    floorP50: Math.round(percentile(floor, 50)),
    max: Math.round(Math.max(...product)),
    samplesMs: product.map(Math.round),
    floorSamplesMs: floor.map(Math.round),
  };
  return [
    figure(
      {
        id: 'publish.visible.p95',
        label: `publish → visible p95 (${product.length} publishes)`,
        unit: 'ms',
        value: percentile(product, 95),
        floor: percentile(floor, 95),
        floorLabel: 'Component delta, no-op provider',
        detail,
      },
      { maxRatio: 1.3 },
    ),
  ];
}
