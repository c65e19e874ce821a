/*
 * The live routes a product page and the discovery views read: what must
 * answer 200 again after an outage. Three products of different kinds (a
 * generator's tier-1 Avro source, a JSON Schema source and a processor's
 * derived output) so that every kind of read is covered.
 */

export interface LiveRoute {
  /** Names the route and product in reports, e.g. `health checkout-orders-placed`. */
  id: string;
  method: 'GET' | 'POST';
  path: string;
  body?: object;
}

export const LIVE_PRODUCTS = [
  'checkout-orders-placed',
  'accounts-receivable',
  'recent-sales-by-product',
];

/** Products whose schema routes are read (Avro and JSON Schema). */
const SCHEMA_PRODUCTS = ['checkout-orders-placed', 'accounts-receivable'];

const productPath = (name: string) => `/api/data-mesh/products/default/${name}`;

export function liveRoutes(): LiveRoute[] {
  const routes: LiveRoute[] = [];
  for (const name of LIVE_PRODUCTS) {
    routes.push(
      {
        id: `health ${name}`,
        method: 'GET',
        path: `${productPath(name)}/health`,
      },
      {
        id: `consumers ${name}`,
        method: 'GET',
        path: `${productPath(name)}/consumers`,
      },
      {
        id: `samples ${name}`,
        method: 'GET',
        path: `${productPath(name)}/samples?limit=5`,
      },
    );
  }
  for (const name of SCHEMA_PRODUCTS) {
    routes.push(
      {
        id: `schema versions ${name}`,
        method: 'GET',
        path: `${productPath(name)}/schema/versions`,
      },
      {
        id: `schema latest ${name}`,
        method: 'GET',
        path: `${productPath(name)}/schema/versions/latest`,
      },
    );
  }
  routes.push(
    {
      id: 'freshness',
      method: 'POST',
      path: '/api/data-mesh/freshness',
      body: { entityRefs: LIVE_PRODUCTS.map(n => `dataproduct:default/${n}`) },
    },
    {
      id: 'candidate-streams',
      method: 'GET',
      path: '/api/catalog/data-mesh/candidate-streams',
    },
  );
  return routes;
}
