import { Component, ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import {
  DataProductEntity,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  consumingComponentRefs,
  downstreamProductRefs,
  upstreamProductRefs,
} from '../../lib';
import { NotADataProduct } from '../common';
import { LineageFreshnessProvider } from './LineageFreshness';
import { LineageNode } from './LineageNode';

/**
 * Hides the catalog graph when it cannot render, e.g. when the catalog-graph
 * plugin (its API and page route) is not installed in the app.
 */
class GraphBoundary extends Component<
  { children: ReactNode },
  { failed: boolean }
> {
  static getDerivedStateFromError() {
    return { failed: true };
  }

  state = { failed: false };

  render() {
    if (this.state.failed) {
      return (
        <Alert severity="info">
          The lineage graph needs the catalog graph plugin; the lists below show
          the same relations.
        </Alert>
      );
    }
    return this.props.children;
  }
}

function RefList(props: {
  title: string;
  refs: string[];
  defaultKind: string;
  empty: string;
}) {
  const id = `data-mesh-lineage-${props.title
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  return (
    <InfoCard title={props.title} noPadding>
      {props.refs.length === 0 ? (
        <Typography style={{ padding: 16 }} color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <List dense aria-labelledby={id}>
          <span id={id} hidden>
            {props.title}
          </span>
          {props.refs.map(ref => (
            <ListItem key={ref}>
              <ListItemText
                primary={
                  <EntityRefLink
                    entityRef={ref}
                    defaultKind={props.defaultKind}
                  />
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

/**
 * Edges drawn from the entity that is a dependency to the one depending on
 * it, so that the graph reads left to right: upstream → product →
 * downstream products and consuming components.
 */
export const LINEAGE_RELATION_PAIRS: [string, string][] = [
  [RELATION_DEPENDENCY_OF, RELATION_DEPENDS_ON],
];

function hasDrift(entity: DataProductEntity): boolean {
  const lineage = entity.spec.observed?.lineage;
  return (
    !!lineage &&
    lineage.declaredNotRead.length + lineage.readNotDeclared.length > 0
  );
}

/** Observed against declared lineage, when the processor's groups drift. */
function LineageDrift({ entity }: { entity: DataProductEntity }) {
  const lineage = entity.spec.observed?.lineage;
  if (!lineage || !hasDrift(entity)) return null;
  const { declaredNotRead, readNotDeclared } = lineage;
  return (
    <Alert severity="warning" data-testid="lineage-drift">
      <Typography variant="subtitle2" component="div">
        Observed lineage differs from the declared inputs (consumer groups of
        the processor: {entity.spec.processor?.consumerGroups.join(', ')})
      </Typography>
      {declaredNotRead.length > 0 && (
        <Typography variant="body2" component="div">
          Declared but not read:{' '}
          {declaredNotRead.map((d, i) => (
            <span key={d.input}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={d.input} defaultKind="DataProduct" /> (
              <code>{d.topic}</code>)
            </span>
          ))}
        </Typography>
      )}
      {readNotDeclared.length > 0 && (
        <Typography variant="body2" component="div">
          Read but not declared:{' '}
          {readNotDeclared.map((r, i) => (
            <span key={r.topic}>
              {i > 0 && ', '}
              <code>{r.topic}</code>
              {r.product && (
                <>
                  {' '}
                  (
                  <EntityRefLink
                    entityRef={r.product}
                    defaultKind="DataProduct"
                  />
                  )
                </>
              )}
            </span>
          ))}
        </Typography>
      )}
    </Alert>
  );
}

/** Upstream products, downstream products and consuming components. */
export function DataProductLineage(props: {
  entity: DataProductEntity;
  showGraph?: boolean;
}) {
  const { entity, showGraph = true } = props;
  const missing = entity.spec.observed?.missingInputs ?? [];
  return (
    <Grid container spacing={3}>
      {showGraph && (
        <Grid item xs={12}>
          <GraphBoundary>
            <LineageFreshnessProvider>
              <EntityCatalogGraphCard
                title="Lineage graph"
                height={400}
                kinds={['DataProduct', 'Component']}
                relations={[RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF]}
                relationPairs={LINEAGE_RELATION_PAIRS}
                direction={Direction.LEFT_RIGHT}
                maxDepth={2}
                unidirectional={false}
                renderNode={LineageNode}
              />
            </LineageFreshnessProvider>
          </GraphBoundary>
        </Grid>
      )}
      {hasDrift(entity) && (
        <Grid item xs={12}>
          <LineageDrift entity={entity} />
        </Grid>
      )}
      {missing.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="warning">
            Declared inputs that are not published: {missing.join(', ')}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <RefList
          title="Upstream data products"
          refs={upstreamProductRefs(entity)}
          defaultKind="DataProduct"
          empty="Built from no other data product."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <RefList
          title="Downstream data products"
          refs={downstreamProductRefs(entity)}
          defaultKind="DataProduct"
          empty="No data product is built from this one."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <RefList
          title="Consuming components"
          refs={consumingComponentRefs(entity)}
          defaultKind="Component"
          empty="No catalog component declares a consumer group on this topic."
        />
      </Grid>
    </Grid>
  );
}

/** Entity content tab "Lineage" for DataProduct entities. */
export function DataProductLineageContent(props: { showGraph?: boolean }) {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductLineage entity={entity} showGraph={props.showGraph} />;
}
