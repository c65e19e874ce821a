/** What the provider of one cluster knows about its own troubles. */
export interface ProviderTroubles {
  cluster: string;
  registryTopic: string;
  /** Products of the last complete read; absent before the first one. */
  products?: number;
  /** The registry topic is not on the cluster. */
  topicMissing: boolean;
  /** The last catalog write, when it failed and has not been repaired yet. */
  writeFailure?: { at: Date; message: string };
  /** Ids of the products kept at their last valid descriptor. */
  productsAtRisk: string[];
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * The status endpoint's `problems`: each trouble in words an operator can
 * act on, saying what the catalog does meanwhile and what resolves it.
 */
export function describeProblems(troubles: ProviderTroubles): string[] {
  const { cluster, registryTopic, products, writeFailure, productsAtRisk } =
    troubles;
  const problems: string[] = [];
  if (troubles.topicMissing) {
    problems.push(
      `Registry topic '${registryTopic}' does not exist on Kafka cluster '${cluster}': check dataMesh.registryTopic. ` +
        `The catalog never creates it, since a mistyped name would start an empty registry and remove every product; ` +
        `publishing a product creates it (the data mesh REST API's PUT /api/data-mesh/products/<namespace>/<name>, or the dataMesh:product:publish scaffolder action). ` +
        `${
          products === undefined
            ? 'The products already in the catalog stay there'
            : `The catalog keeps the ${plural(
                products,
                'product',
                'products',
              )} last read`
        }, and the topic is looked for again every few seconds.`,
    );
  }
  if (writeFailure) {
    problems.push(
      `The last catalog write failed at ${writeFailure.at.toISOString()}: ${
        writeFailure.message
      }. All products of this cluster are written again (a full mutation) with backoff, and at the next scheduled refresh.`,
    );
  }
  if (productsAtRisk.length) {
    problems.push(
      `${plural(
        productsAtRisk.length,
        'product shows its',
        'products show their',
      )} last valid descriptor because a later record for ${
        productsAtRisk.length === 1 ? 'it' : 'them'
      } was rejected (reasons at /ingestion-errors): ${productsAtRisk.join(
        ', ',
      )}. ` +
        `The registry topic is compacted, so compaction can remove that last valid record, and after a restart the catalog would no longer have the product. ` +
        `Publish a valid descriptor (or unpublish the product) to resolve it.`,
    );
  }
  return problems;
}
