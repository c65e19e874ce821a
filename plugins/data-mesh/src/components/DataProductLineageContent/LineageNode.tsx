import { useLayoutEffect, useRef, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { DependencyGraphTypes } from '@backstage/core-components';
import type { EntityNode } from '@backstage/plugin-catalog-graph';
import {
  FreshnessStatus,
  isDataProductEntity,
  readableDuration,
} from '@kafka-mesh/plugin-data-mesh-common';
import { useTheme } from '@material-ui/core/styles';
import { NodeFreshness, useLineageFreshness } from './LineageFreshness';

const HEALTH_LABELS: Record<FreshnessStatus, string> = {
  ok: 'fresh',
  'at-risk': 'freshness at risk',
  breached: 'SLA breached',
  unknown: 'no records',
};

/**
 * The second line of a lineage node: a product's tier, live freshness and
 * the age of its newest record, or the kind for anything else (consuming
 * components).
 */
export function nodeSubtitle(
  kind: string,
  tier: string | undefined,
  health: NodeFreshness,
): string {
  if (!tier) return kind.toLocaleLowerCase('en-US');
  if (health.loading) return `${tier} · checking…`;
  if (health.failed || !health.status) return `${tier} · health unavailable`;
  const status = `${tier} · ${HEALTH_LABELS[health.status]}`;
  if (health.ageMs === undefined) return status;
  // Broker and backend clocks may disagree by a little: never "-2 s old".
  return `${status} · ${readableDuration(Math.max(0, health.ageMs))} old`;
}

/**
 * A catalog-graph node for the Lineage tab: the entity's title, and for
 * data products their SLA tier and live freshness, so a consumer sees at a
 * glance how dependable each upstream product is. The freshness comes from
 * the `LineageFreshnessProvider` around the graph, which asks for all
 * nodes at once.
 */
export function LineageNode(
  props: DependencyGraphTypes.RenderNodeProps<EntityNode>,
) {
  const { entity, focused, onClick } = props.node;
  const theme = useTheme();
  const entityRef = stringifyEntityRef(entity);
  const isProduct = isDataProductEntity(entity);
  const freshness = useLineageFreshness(isProduct ? entityRef : undefined);
  const subtitle = nodeSubtitle(
    entity.kind,
    isProduct ? entity.spec.sla.tier : undefined,
    freshness,
  );

  // SVG text has no intrinsic box: measure it, then size the frame around it.
  const textRef = useRef<SVGGElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const box = textRef.current?.getBBox?.();
    if (!box) return;
    const width = Math.round(box.width);
    const height = Math.round(box.height);
    if (width !== size.width || height !== size.height) {
      setSize({ width, height });
    }
  }, [size, subtitle]);

  const padding = 10;
  const fill = focused ? theme.palette.primary.main : theme.palette.grey[300];
  const text = theme.palette.getContrastText(fill);
  return (
    <g onClick={onClick} style={{ cursor: onClick ? 'pointer' : undefined }}>
      <rect
        width={size.width + padding * 2}
        height={size.height + padding * 2}
        rx={10}
        fill={fill}
      />
      <g ref={textRef} transform={`translate(${padding}, ${padding})`}>
        <text y={14} fill={text} fontWeight={focused ? 'bold' : undefined}>
          {entity.metadata.title ?? entity.metadata.name}
        </text>
        <text y={32} fill={text} fontSize={12}>
          {subtitle}
        </text>
      </g>
      <title>{entityRef}</title>
    </g>
  );
}
