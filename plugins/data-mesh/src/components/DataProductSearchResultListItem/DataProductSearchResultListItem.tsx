import type { ReactNode } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DataProductSearchFields } from '@kafka-mesh/plugin-data-mesh-common';
import { ReadableDuration } from '../common';
import { useMatchedFields } from './useMatchedFields';

/**
 * A `data-product` document as the item reads it: any field may be
 * missing from a document an older index wrote.
 */
type DataProductResult = SearchDocument & Partial<DataProductSearchFields>;

/**
 * Props of {@link DataProductSearchResultListItem}.
 *
 * @public
 */
export interface DataProductSearchResultListItemProps {
  icon?: ReactNode | ((result: SearchDocument) => ReactNode);
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  /** Lines of the description shown; all when absent. */
  lineClamp?: number;
}

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    flexContainer: { flexWrap: 'wrap' },
    itemText: {
      width: '100%',
      wordBreak: 'break-word',
      marginBottom: theme.spacing(1),
    },
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
    },
  }),
  { name: 'DataMeshDataProductSearchResultListItem' },
);

/** `group:default/checkout-team` → `checkout-team`. */
function ownerName(owner: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(owner, { defaultKind: 'group' }), {
      defaultKind: 'group',
    });
  } catch {
    return owner;
  }
}

/** Text with the engine's highlight when it has one for `field`. */
function Highlighted(props: {
  highlight?: ResultHighlight;
  field: string;
  text: string;
}) {
  const marked = props.highlight?.fields[props.field];
  if (!marked) return <>{props.text}</>;
  return (
    <HighlightedSearchResultText
      text={marked}
      preTag={props.highlight!.preTag}
      postTag={props.highlight!.postTag}
    />
  );
}

/**
 * A data product in the search results (document type `data-product`):
 * its title linking to the entity page, its description, tier, freshness,
 * owner and domain, and the schema fields that match the search term.
 *
 * @public
 */
export function DataProductSearchResultListItem(
  props: DataProductSearchResultListItemProps,
) {
  const classes = useStyles();
  const result = props.result as DataProductResult | undefined;
  const matched = useMatchedFields(result?.fields ?? []);
  if (!result) return null;
  const { highlight } = props;
  return (
    <div className={classes.item} data-testid="data-product-search-result">
      {props.icon && (
        <ListItemIcon>
          {typeof props.icon === 'function' ? props.icon(result) : props.icon}
        </ListItemIcon>
      )}
      <div className={classes.flexContainer}>
        <ListItemText
          className={classes.itemText}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                highlight={highlight}
                field="title"
                text={result.title}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                highlight={highlight}
                field="text"
                text={result.text}
              />
            </Typography>
          }
        />
        <Box className={classes.chips}>
          <Chip size="small" label="Data product" />
          {result.tier && <Chip size="small" label={`Tier: ${result.tier}`} />}
          {result.freshness && (
            <Chip
              size="small"
              label={
                <>
                  Fresh within <ReadableDuration iso={result.freshness} />
                </>
              }
            />
          )}
          {result.owner && (
            <Chip size="small" label={`Owner: ${ownerName(result.owner)}`} />
          )}
          {result.domain && (
            <Chip size="small" label={`Domain: ${result.domain}`} />
          )}
        </Box>
        {matched.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="data-product-matched-fields"
          >
            Matching {matched.length === 1 ? 'field' : 'fields'}:{' '}
            {matched.slice(0, 5).map((path, i) => (
              <span key={path}>
                {i > 0 && ', '}
                <code>{path}</code>
              </span>
            ))}
            {matched.length > 5 && ` and ${matched.length - 5} more`}
          </Typography>
        )}
      </div>
    </div>
  );
}
