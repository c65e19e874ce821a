import { screen, within } from '@testing-library/react';
import {
  DEFAULT_GOVERNANCE_RULES,
  GovernanceRules,
} from '@kafka-mesh/plugin-data-mesh-common';
import { allProducts } from '../../__fixtures__/dataProducts';
import {
  mockDataMeshApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { DataProductDiscoveryContent } from './DataProductDiscoveryContent';
import { GovernanceRulesCard } from './GovernanceRulesCard';

function rowOf(table: HTMLElement, rule: string) {
  return within(table).getByText(rule).closest('tr')!;
}

describe('GovernanceRulesCard', () => {
  it('shows the rules the backend enforces', async () => {
    const rules: GovernanceRules = {
      ...DEFAULT_GOVERNANCE_RULES,
      allowedFormats: ['avro', 'protobuf'],
      topicNaming: 'prod.{domain}.{name}.v{major}',
      requiredTags: ['team-owned'],
      partitions: { min: 3, max: 24, default: 6 },
      retention: { min: 'P1D' },
    };
    const dataMeshApi = mockDataMeshApi({
      getGovernanceRules: jest.fn(async () => ({ rules })),
    });
    await renderWithApis(<GovernanceRulesCard />, { dataMeshApi });
    const table = await screen.findByRole('table', {
      name: 'Governance rules',
    });
    expect(rowOf(table, 'Schema formats')).toHaveTextContent('avro, protobuf');
    expect(rowOf(table, 'Topic names')).toHaveTextContent(
      'prod.{domain}.{name}.v{major}',
    );
    expect(rowOf(table, 'Minimum schema compatibility')).toHaveTextContent(
      'tier-1: BACKWARD_TRANSITIVE · tier-2: BACKWARD · tier-3: any',
    );
    expect(rowOf(table, 'Required fields')).toHaveTextContent('none');
    expect(rowOf(table, 'Required tags')).toHaveTextContent('team-owned');
    expect(rowOf(table, 'Partitions')).toHaveTextContent('3 to 24, default 6');
    expect(rowOf(table, 'Retention')).toHaveTextContent('at least P1D');
    expect(rowOf(table, 'New topics per tier')).toHaveTextContent(
      'tier-1: P30D, delete',
    );
    expect(dataMeshApi.getGovernanceRules).toHaveBeenCalledTimes(1);
  });

  it('is on the discovery page, and fails without hiding the products', async () => {
    const boom = await responseError(500, 'governance unavailable');
    await renderWithApis(<DataProductDiscoveryContent />, {
      entities: allProducts,
      dataMeshApi: mockDataMeshApi({
        getGovernanceRules: jest.fn(() => Promise.reject(boom)),
      }),
    });
    expect(
      await screen.findByText(/Could not load the governance rules/),
    ).toBeInTheDocument();
    expect(screen.getByText('Orders placed')).toBeInTheDocument();
    expect(screen.getByText('Governance rules')).toBeInTheDocument();
  });
});
