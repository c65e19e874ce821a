import { ReactNode, useMemo } from 'react';
import { ApiProvider } from '@backstage/core-app-api';
import {
  ApiHolder,
  ApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { withQueryFields } from './discoveryFields';

/**
 * Gives its children a catalog API whose `queryEntities` asks only the
 * given fields (see `withQueryFields` for why); every other API is the
 * app's, asked of the app's holder.
 */
export function CatalogApiWithFields(props: {
  fields: readonly string[];
  children: ReactNode;
}) {
  const { fields, children } = props;
  const parent = useApiHolder();
  const catalogApi = useApi(catalogApiRef);
  const apis = useMemo<ApiHolder>(() => {
    const limited = withQueryFields(catalogApi, fields);
    return {
      get<T>(ref: ApiRef<T>): T | undefined {
        return ref.id === catalogApiRef.id
          ? (limited as unknown as T)
          : parent.get(ref);
      },
    };
  }, [catalogApi, fields, parent]);
  return <ApiProvider apis={apis}>{children}</ApiProvider>;
}
