import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { schemaDiff2to3 } from '../../__fixtures__/apiResponses';
import { dataMeshApiRef } from '../../api';
import { mockDataMeshApi } from '../../__testUtils__';
import { useSchemaDiff } from './useSchemaDiff';

const product = { namespace: 'default', name: 'orders-placed' };

describe('useSchemaDiff', () => {
  it('compares the latest two versions first, then the picked ones, never a version with itself', async () => {
    const getSchemaDiff = jest.fn(async (_p, from: number, to: number) => ({
      ...schemaDiff2to3,
      from,
      to,
    }));
    const api = mockDataMeshApi({ getSchemaDiff });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useSchemaDiff(product, [1, 2, 3]), {
      wrapper,
    });
    expect([result.current.from, result.current.to]).toEqual([2, 3]);
    await waitFor(() => expect(result.current.value?.from).toBe(2));
    expect(getSchemaDiff).toHaveBeenLastCalledWith(product, 2, 3);

    act(() => result.current.setFrom(1));
    await waitFor(() => expect(result.current.value?.from).toBe(1));
    expect(getSchemaDiff).toHaveBeenLastCalledWith(product, 1, 3);

    act(() => result.current.setTo(1));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toBeUndefined();
    expect(getSchemaDiff).toHaveBeenCalledTimes(2);
  });
});
