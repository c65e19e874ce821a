import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { schemaVersions } from '../../__fixtures__/apiResponses';
import { dataMeshApiRef } from '../../api';
import { mockDataMeshApi } from '../../__testUtils__';
import { useSchemaVersions } from './useSchemaVersions';

const product = { namespace: 'default', name: 'orders-placed' };

function render(getSchemaVersions: jest.Mock) {
  const api = mockDataMeshApi({ getSchemaVersions });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[dataMeshApiRef, api]]}>{children}</TestApiProvider>
  );
  return renderHook(() => useSchemaVersions(product), { wrapper });
}

describe('useSchemaVersions', () => {
  it('picks the latest version once loaded, then the one the user picks', async () => {
    const get = jest.fn(async () => schemaVersions);
    const { result } = render(get);
    expect(result.current.selected).toBeUndefined();
    await waitFor(() => expect(result.current.selected).toBe(3));
    expect(get).toHaveBeenCalledWith(product);
    act(() => result.current.setSelected(1));
    expect(result.current.selected).toBe(1);
  });

  it('picks nothing for a subject without versions', async () => {
    const { result } = render(
      jest.fn(async () => ({ ...schemaVersions, versions: [] })),
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value?.versions).toEqual([]);
    expect(result.current.selected).toBeUndefined();
  });
});
