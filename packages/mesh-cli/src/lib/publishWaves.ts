import {
  inputRefsOf,
  toDataProductRef,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { LoadedDescriptor } from './loadDescriptors';

/** A descriptor of the run, with the other descriptors of the run it reads. */
export interface PlannedDescriptor extends LoadedDescriptor {
  /** Product ids of the run among its inputs. */
  readsFromRun: string[];
}

export interface PublishPlan {
  /** Each wave reads only from earlier waves (and the catalog). */
  waves: PlannedDescriptor[][];
  /** Descriptors that read each other: none can be published first. */
  problems: string[];
}

/**
 * Orders the descriptors of one run into waves. The backend's barrier looks
 * every input up in the catalog, so a product that reads another product of
 * the same run can only be checked once that one is published and in the
 * catalog: it goes in a later wave. Within a wave, file order is kept.
 */
export function planPublish(descriptors: LoadedDescriptor[]): PublishPlan {
  const idByRef = new Map(descriptors.map(d => [toDataProductRef(d.id), d.id]));
  let remaining: PlannedDescriptor[] = descriptors.map(d => ({
    ...d,
    readsFromRun: inputRefsOf(d.entity).flatMap(ref => {
      const id = idByRef.get(ref);
      return id && id !== d.id ? [id] : [];
    }),
  }));
  const waves: PlannedDescriptor[][] = [];
  const placed = new Set<string>();
  while (remaining.length > 0) {
    const wave = remaining.filter(d =>
      d.readsFromRun.every(id => placed.has(id)),
    );
    if (wave.length === 0) {
      return {
        waves,
        problems: remaining.map(
          d =>
            `${d.file}: ${d.entity.metadata.name}: reads ${d.readsFromRun.join(
              ', ',
            )} of this run, and these products read each other; none of them can be published first`,
        ),
      };
    }
    waves.push(wave);
    wave.forEach(d => placed.add(d.id));
    remaining = remaining.filter(d => !placed.has(d.id));
  }
  return { waves, problems: [] };
}
