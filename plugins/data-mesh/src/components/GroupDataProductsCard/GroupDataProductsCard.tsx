import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
  readableIsoDuration,
} from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { consumerRefs } from '../../lib';

/** `tier-1 · fresh within 5 min · commerce` */
function slaSummary(product: DataProductEntity): string {
  const { sla, domain } = product.spec;
  return `${sla.tier} · fresh within ${readableIsoDuration(
    sla.freshness,
  )} · ${domain}`;
}

function ProductList(props: {
  label: string;
  products: DataProductEntity[];
  empty: string;
  secondary?: (product: DataProductEntity) => React.ReactNode;
}) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h3">
        {props.label}
      </Typography>
      {props.products.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <List dense aria-label={props.label}>
          {props.products.map(product => (
            <ListItem key={stringifyEntityRef(product)}>
              <ListItemText
                primary={<EntityRefLink entityRef={product} />}
                secondary={props.secondary?.(product) ?? slaSummary(product)}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

/**
 * Data products a group owns and those it consumes: read by its components
 * or by the processors of its own (derived) products.
 */
export function GroupDataProducts({ group }: { group: Entity }) {
  const catalogApi = useApi(catalogApiRef);
  const groupRef = stringifyEntityRef(group);
  const { value, loading, error } = useAsync(async () => {
    const [owned, components] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: DATA_PRODUCT_KIND,
          [`relations.${RELATION_OWNED_BY}`]: groupRef,
        },
      }),
      catalogApi.getEntities({
        filter: {
          kind: 'Component',
          [`relations.${RELATION_OWNED_BY}`]: groupRef,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      }),
    ]);
    const componentRefs = components.items.map(c => stringifyEntityRef(c));
    // A derived product's processor reads its inputs for the group too.
    const readerRefs = [
      ...componentRefs,
      ...owned.items.map(p => stringifyEntityRef(p)),
    ];
    const consumed = readerRefs.length
      ? await catalogApi.getEntities({
          filter: {
            kind: DATA_PRODUCT_KIND,
            [`relations.${RELATION_DEPENDENCY_OF}`]: readerRefs,
          },
        })
      : { items: [] };
    return {
      owned: owned.items.filter(isDataProductEntity),
      consumed: consumed.items.filter(isDataProductEntity),
      readerRefs: new Set(readerRefs),
    };
  }, [catalogApi, groupRef]);

  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load data products" />
    );
  }
  if (!value) return null;
  return (
    <>
      <ProductList
        label="Owned data products"
        products={value.owned}
        empty="This group owns no data product."
      />
      <ProductList
        label="Consumed data products"
        products={value.consumed}
        empty="No component or data product of this group reads a data product."
        secondary={product => {
          const readers = consumerRefs(product).filter(ref =>
            value.readerRefs.has(ref),
          );
          return `read by ${readers
            .map(ref =>
              ref
                .replace(/^component:(default\/)?/, '')
                .replace(
                  /^dataproduct:(default\/)?(.*)$/,
                  'the processor of $2',
                ),
            )
            .join(', ')}`;
        }}
      />
    </>
  );
}

/** Entity card for Group entities. */
export function GroupDataProductsCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Data products">
      <GroupDataProducts group={entity} />
    </InfoCard>
  );
}
