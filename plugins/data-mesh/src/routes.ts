import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The data mesh discovery page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'data-mesh' });
