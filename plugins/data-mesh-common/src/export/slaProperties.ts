import type { Sla } from '../entity/types';
import {
  UNIT_MS,
  formatIsoDuration,
  parseIsoDuration,
} from '../sla/isoDuration';

/**
 * One service-level property as ODCS v3 `slaProperties` lists them.
 *
 * @public
 */
export interface OdcsSlaProperty {
  /** Set on the properties that come from a freshness quality rule. */
  id?: string;
  property: string;
  value: string | number;
  unit?: string;
  element?: string;
  driver?: string;
  description?: string;
}

/*
 * How the SLA maps to ODCS v3 slaProperties:
 *
 *   availability → availability, unit `percent`: the Data QoS name ODCS recommends.
 *   freshness    → latency: ODCS lists latency as "preferred to freshness"; both
 *                  mean how old the newest data may be. Not `frequency`, which is
 *                  the update interval of batch data and means nothing for a stream.
 *   retention    → retention: same meaning.
 *   tier, supportHours, responseTime → properties of the same name. ODCS puts
 *                  "no limit on the type of properties", and the nearest standard
 *                  names mean something else: timeOfAvailability is when data
 *                  becomes available, timeToRepair/timeToNotify are not a first
 *                  response.
 *   onCall       → not here: it is a support channel (`support` in ODPS/ODCS).
 *
 * Durations become a number and the largest ISO 80000 unit that expresses
 * them exactly (d, h, min, s): ODCS wants a value with an ISO unit, and
 * tools comparing SLAs read numbers more easily than ISO-8601 text.
 */

const EXPORT_UNITS = [
  ['d', UNIT_MS.day],
  ['h', UNIT_MS.hour],
  ['min', UNIT_MS.minute],
  ['s', UNIT_MS.second],
] as const;

// Units accepted on import, including the spellings ODCS examples use.
const IMPORT_UNITS: Record<string, number> = {
  w: UNIT_MS.week,
  week: UNIT_MS.week,
  weeks: UNIT_MS.week,
  d: UNIT_MS.day,
  day: UNIT_MS.day,
  days: UNIT_MS.day,
  h: UNIT_MS.hour,
  hr: UNIT_MS.hour,
  hour: UNIT_MS.hour,
  hours: UNIT_MS.hour,
  min: UNIT_MS.minute,
  minute: UNIT_MS.minute,
  minutes: UNIT_MS.minute,
  s: UNIT_MS.second,
  sec: UNIT_MS.second,
  second: UNIT_MS.second,
  seconds: UNIT_MS.second,
  ms: 1,
};

function durationProperty(property: string, duration: string): OdcsSlaProperty {
  const ms = parseIsoDuration(duration);
  const [unit, size] = EXPORT_UNITS.find(
    ([, length]) => ms > 0 && ms % length === 0,
  ) ?? ['s', UNIT_MS.second];
  return { property, value: ms / size, unit };
}

/**
 * The SLA as ODCS v3 slaProperties (without onCall, a support channel).
 *
 * @public
 */
export function toSlaProperties(sla: Sla): OdcsSlaProperty[] {
  return [
    { property: 'tier', value: sla.tier },
    { property: 'availability', value: sla.availability, unit: 'percent' },
    durationProperty('latency', sla.freshness),
    ...(sla.retention ? [durationProperty('retention', sla.retention)] : []),
    { property: 'supportHours', value: sla.supportHours },
    ...(sla.responseTime
      ? [durationProperty('responseTime', sla.responseTime)]
      : []),
  ];
}

function toDuration({ value, unit }: OdcsSlaProperty): string | undefined {
  const size = IMPORT_UNITS[String(unit).toLocaleLowerCase('en-US')];
  return size && typeof value === 'number'
    ? formatIsoDuration(value * size)
    : undefined;
}

/**
 * Reads back what {@link toSlaProperties} writes. Property names compare
 * case-insensitively, as ODCS asks. Values it cannot read are left out, so
 * validating the result names the missing field.
 *
 * @public
 */
export function fromSlaProperties(
  properties: OdcsSlaProperty[],
): Partial<Omit<Sla, 'onCall'>> {
  const find = (name: string) =>
    properties.find(
      p =>
        p.property.toLocaleLowerCase('en-US') ===
        name.toLocaleLowerCase('en-US'),
    );
  const latency = find('latency');
  const retention = find('retention');
  const responseTime = find('responseTime');
  return {
    tier: find('tier')?.value as Sla['tier'],
    availability: find('availability')?.value as number,
    freshness: latency && toDuration(latency),
    retention: retention && toDuration(retention),
    supportHours: find('supportHours')?.value as Sla['supportHours'],
    responseTime: responseTime && toDuration(responseTime),
  };
}
