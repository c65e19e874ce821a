import {
  ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { FreshnessStatus } from '@kafka-mesh/plugin-data-mesh-common';
import { useProductsFreshness } from '../../hooks/useProductsFreshness';

/** What a lineage node shows of a product's live freshness. */
export interface NodeFreshness {
  loading: boolean;
  status?: FreshnessStatus;
  /** Age of the product's newest record when it was observed. */
  ageMs?: number;
  failed: boolean;
}

interface LineageFreshnessValue {
  show(entityRef: string): void;
  freshnessOf(entityRef: string): NodeFreshness;
}

const LineageFreshnessContext = createContext<
  LineageFreshnessValue | undefined
>(undefined);

/**
 * Asks the live freshness of every product node in the graph below in one
 * request. The catalog graph loads its entities itself, so the nodes say
 * which products they show; nodes mounted together land in one render and
 * so in one request. The set only grows, so a node the graph drops and
 * redraws is not asked about again.
 */
export function LineageFreshnessProvider(props: { children: ReactNode }) {
  const [entityRefs, setEntityRefs] = useState<readonly string[]>([]);
  const show = useCallback((entityRef: string) => {
    setEntityRefs(shown =>
      shown.includes(entityRef) ? shown : [...shown, entityRef],
    );
  }, []);
  const { items, error, loading } = useProductsFreshness(entityRefs);
  const freshnessOf = useCallback(
    (entityRef: string): NodeFreshness => {
      const live = items?.[entityRef];
      if (live) {
        return {
          loading: false,
          status: live.status,
          ageMs: live.ageMs,
          failed: false,
        };
      }
      // Until the node has been shown to the provider and answered, its
      // product is still being asked about rather than unavailable.
      return {
        loading: !error && (loading || !entityRefs.includes(entityRef)),
        failed: true,
      };
    },
    [items, error, loading, entityRefs],
  );
  const value = useMemo(() => ({ show, freshnessOf }), [show, freshnessOf]);
  return (
    <LineageFreshnessContext.Provider value={value}>
      {props.children}
    </LineageFreshnessContext.Provider>
  );
}

/**
 * The live freshness of a product node from the surrounding
 * {@link LineageFreshnessProvider}; `undefined` asks for nothing (nodes that
 * are not data products).
 */
export function useLineageFreshness(
  entityRef: string | undefined,
): NodeFreshness {
  const context = useContext(LineageFreshnessContext);
  if (!context) {
    throw new Error(
      'useLineageFreshness must be used inside a LineageFreshnessProvider',
    );
  }
  const { show, freshnessOf } = context;
  useEffect(() => {
    if (entityRef) show(entityRef);
  }, [show, entityRef]);
  return entityRef ? freshnessOf(entityRef) : { loading: false, failed: false };
}
