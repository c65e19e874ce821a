import { stringifyEntityRef } from '@backstage/catalog-model';
import { readableDuration } from '@kafka-mesh/plugin-data-mesh-common';
import type {
  DataProductEntity,
  ProductHealthResponse,
  ProductRootCause,
} from '@kafka-mesh/plugin-data-mesh-common';

/** What the walk asks of the catalog and of Kafka. */
export interface RootCauseSources {
  /** The product's inputs the caller may see in the catalog. */
  inputsOf(entity: DataProductEntity): Promise<DataProductEntity[]>;
  /** The live freshness of a product. */
  freshnessOf(
    entity: DataProductEntity,
  ): Promise<ProductHealthResponse['freshness']>;
  /**
   * The lag of `entity`'s processor groups on `input`'s topic: the groups
   * of `spec.processor.consumerGroups`, or else those of the owner.
   */
  processorLagOf(
    entity: DataProductEntity,
    input: DataProductEntity,
  ): Promise<Array<{ groupId: string; totalLag: number }>>;
}

export interface RootCauseOptions {
  /** How many steps upstream to walk. */
  maxDepth?: number;
  /** How many inputs of one product to look at. */
  maxBreadth?: number;
}

const refOf = (entity: DataProductEntity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');


/**
 * Walks a breached product's inputs upstream, live: follows a breached
 * input (the first, in declaration order) as far as breached inputs go,
 * and names the deepest one; where no input of a product on the way is
 * breached, names that product if its processor lags on an input. Bounded
 * in depth and breadth; a source that fails counts as "no cause there".
 */
export async function findRootCause(
  entity: DataProductEntity,
  sources: RootCauseSources,
  { maxDepth = 5, maxBreadth = 10 }: RootCauseOptions = {},
): Promise<ProductRootCause | undefined> {
  const seen = new Set([refOf(entity)]);
  const path = [refOf(entity)];
  let current = entity;
  let found: ProductRootCause | undefined;
  for (let depth = 0; depth < maxDepth; depth++) {
    const inputs = (await sources.inputsOf(current).catch(() => []))
      .filter(input => !seen.has(refOf(input)))
      .slice(0, maxBreadth);
    const freshness = await Promise.all(
      inputs.map(input => sources.freshnessOf(input).catch(() => undefined)),
    );
    const index = freshness.findIndex(f => f?.status === 'breached');
    if (index >= 0) {
      const input = inputs[index];
      const { ageMs, slaMs } = freshness[index]!;
      seen.add(refOf(input));
      path.push(refOf(input));
      found = {
        product: refOf(input),
        reason: 'upstream-breached',
        detail: `${refOf(input)} is itself stale: ${
          ageMs === undefined
            ? 'it has no records'
            : `its newest record is ${readableDuration(ageMs)} old`
        }, its SLA promises ${readableDuration(slaMs)}`,
        path: [...path],
      };
      current = input;
      continue;
    }
    for (const input of inputs) {
      const lagging = (
        await sources.processorLagOf(current, input).catch(() => [])
      ).filter(group => group.totalLag > 0);
      if (lagging.length) {
        const worst = lagging.sort((a, b) => b.totalLag - a.totalLag)[0];
        return {
          product: refOf(current),
          reason: 'processor-lagging',
          detail: `the processor of ${refOf(current)} is behind on ${refOf(
            input,
          )}, which is fresh: consumer group ${worst.groupId} is ${
            worst.totalLag
          } record${worst.totalLag === 1 ? '' : 's'} behind`,
          path: [...path],
        };
      }
    }
    break;
  }
  return found;
}
