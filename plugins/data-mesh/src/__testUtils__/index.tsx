import type { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { DEFAULT_GOVERNANCE_RULES } from '@kafka-mesh/plugin-data-mesh-common';
import { DataMeshApi, dataMeshApiRef } from '../api';

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** A DataMeshApi whose methods are jest mocks. */
export function mockDataMeshApi(
  impl: Partial<DataMeshApi> = {},
): jest.Mocked<DataMeshApi> {
  const reject = () => Promise.reject(new Error('not mocked'));
  return {
    getSchemaVersions: jest.fn(reject),
    getSchemaVersion: jest.fn(reject),
    getSchemaDiff: jest.fn(reject),
    getHealth: jest.fn(reject),
    getProductsFreshness: jest.fn(async () => ({ items: {} })),
    getConsumers: jest.fn(reject),
    getSamples: jest.fn(reject),
    getQuality: jest.fn(async () => ({
      since: '2026-01-01T00:00:00.000Z',
      rules: [],
      conformance: { records: 0, nonconforming: 0, skipped: 0 },
      examplesVisible: true,
    })),
    getProductsQualityStatus: jest.fn(async () => ({ items: [] })),
    getFailingProducts: jest.fn(async () => ({ items: [], truncated: false })),
    getCandidateStreams: jest.fn(async () => ({ items: [] })),
    getSyntheticRecords: jest.fn(reject),
    getGovernanceRules: jest.fn(async () => ({
      rules: DEFAULT_GOVERNANCE_RULES,
    })),
    ...impl,
  } as jest.Mocked<DataMeshApi>;
}

/** Renders in a test app with the catalog and data mesh APIs, optionally inside an entity. */
export function renderWithApis(
  node: ReactNode,
  options: {
    entity?: Entity;
    entities?: Entity[];
    dataMeshApi?: DataMeshApi;
  } = {},
) {
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{node}</EntityProvider>
  ) : (
    node
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
        [dataMeshApiRef, options.dataMeshApi ?? mockDataMeshApi()],
      ]}
    >
      {content}
    </TestApiProvider>,
    { mountedRoutes },
  );
}

/** A ResponseError-shaped error for a given status. */
export async function responseError(status: number, message = 'nope') {
  const { ResponseError } = await import('@backstage/errors');
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: message,
    url: 'http://localhost/api/data-mesh',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () =>
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        response: { statusCode: status },
      }),
  } as any);
}
