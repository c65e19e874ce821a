import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { checkedDescriptor, descriptorOf } from './descriptors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The sunset day's problems: malformed, impossible or already past. */
export function checkSunset(sunset: string, today: string): string[] {
  if (!DATE.test(sunset) || Number.isNaN(Date.parse(`${sunset}T00:00:00Z`))) {
    return [`sunset '${sunset}' is not a date (YYYY-MM-DD)`];
  }
  // Date.parse rolls 2027-02-30 over to March; a round trip catches it.
  if (new Date(`${sunset}T00:00:00Z`).toISOString().slice(0, 10) !== sunset) {
    return [`sunset '${sunset}' is not a day of the calendar`];
  }
  if (sunset < today) {
    return [`sunset ${sunset} is in the past; consumers need time to move`];
  }
  return [];
}

/** The product's descriptor with the deprecation added. */
export function deprecatedDescriptor(
  entity: DataProductEntity,
  deprecation: DataProductEntity['spec']['deprecation'],
): DataProductEntity {
  const descriptor = descriptorOf(entity);
  return checkedDescriptor({
    ...descriptor,
    spec: {
      ...descriptor.spec,
      status: 'deprecated',
      lifecycle: 'deprecated',
      deprecation,
    },
  });
}
