import type { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  MAX_FRESHNESS_ENTITY_REFS,
  ProductsFreshnessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { dataMeshApiRef } from '../api';
import { mockDataMeshApi } from '../__testUtils__';
import { useProductsFreshness } from './useProductsFreshness';

function setup(getProductsFreshness: jest.Mock) {
  const api = mockDataMeshApi({ getProductsFreshness });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[dataMeshApiRef, api]]}>{children}</TestApiProvider>
  );
  return { api, wrapper };
}

const answer = (ageMs: number): ProductsFreshnessResponse => ({
  items: {
    'dataproduct:default/a': { status: 'ok', ageMs, slaFreshness: 'PT5M' },
  },
});

describe('useProductsFreshness', () => {
  it('asks again while mounted and shows the newest answer', async () => {
    let age = 0;
    const get = jest.fn(async () => answer((age += 1000)));
    const { wrapper } = setup(get);
    const { result } = renderHook(
      () => useProductsFreshness(['dataproduct:default/a'], 20),
      { wrapper },
    );
    await waitFor(() =>
      expect(
        result.current.items?.['dataproduct:default/a'].ageMs,
      ).toBeGreaterThanOrEqual(3000),
    );
    expect(get.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(get).toHaveBeenCalledWith(['dataproduct:default/a']);
  });

  it('asks once per set of products, whatever their order', async () => {
    const get = jest.fn(async () => answer(1000));
    const { wrapper } = setup(get);
    const { result, rerender } = renderHook(
      ({ refs }) => useProductsFreshness(refs),
      {
        wrapper,
        initialProps: {
          refs: ['dataproduct:default/b', 'dataproduct:default/a'],
        },
      },
    );
    await waitFor(() => expect(result.current.items).toBeDefined());
    rerender({
      refs: [
        'dataproduct:default/a',
        'dataproduct:default/b',
        'dataproduct:default/a',
      ],
    });
    rerender({ refs: ['dataproduct:default/a'] });
    await waitFor(() => expect(get).toHaveBeenCalledTimes(2));
    expect(get.mock.calls).toEqual([
      [['dataproduct:default/a', 'dataproduct:default/b']],
      [['dataproduct:default/a']],
    ]);
  });

  it('is loading until the current set of products is answered', async () => {
    const answers: Array<(response: ProductsFreshnessResponse) => void> = [];
    const get = jest.fn(
      () =>
        new Promise<ProductsFreshnessResponse>(resolve =>
          answers.push(resolve),
        ),
    );
    const { wrapper } = setup(get);
    const { result, rerender } = renderHook(
      ({ refs }) => useProductsFreshness(refs),
      { wrapper, initialProps: { refs: ['dataproduct:default/a'] } },
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(answers).toHaveLength(1));
    answers[0](answer(1000));
    await waitFor(() => expect(result.current.loading).toBe(false));

    rerender({ refs: ['dataproduct:default/a', 'dataproduct:default/b'] });
    // The earlier answer stays shown while the larger set is asked about.
    expect(result.current.loading).toBe(true);
    expect(result.current.items?.['dataproduct:default/a']).toBeDefined();
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1](answer(2000));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.items?.['dataproduct:default/a'].ageMs).toBe(2000);
  });

  it(`asks for at most ${MAX_FRESHNESS_ENTITY_REFS} products, and for none without products`, async () => {
    const get = jest.fn(async (_refs: string[]) => ({ items: {} }));
    const { wrapper } = setup(get);
    const refs = Array.from(
      { length: MAX_FRESHNESS_ENTITY_REFS + 20 },
      (_, i) => `dataproduct:default/p-${String(i).padStart(3, '0')}`,
    );
    const { result, rerender } = renderHook(
      ({ list }) => useProductsFreshness(list),
      { wrapper, initialProps: { list: refs } },
    );
    await waitFor(() => expect(get).toHaveBeenCalledTimes(1));
    expect(get.mock.calls[0][0]).toEqual(
      refs.slice(0, MAX_FRESHNESS_ENTITY_REFS),
    );
    rerender({ list: [] });
    await waitFor(() => expect(result.current.items).toEqual({}));
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reports a failure and has no items then', async () => {
    const get = jest.fn(async () => {
      throw new Error('Kafka is unavailable');
    });
    const { wrapper } = setup(get);
    const { result } = renderHook(
      () => useProductsFreshness(['dataproduct:default/a']),
      { wrapper },
    );
    await waitFor(() =>
      expect(result.current.error?.message).toBe('Kafka is unavailable'),
    );
    expect(result.current.items).toBeUndefined();
    expect(result.current.loading).toBe(false);
  });
});
