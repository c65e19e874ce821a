import { inputRefsOf, toDataProductRef } from '../entity/helpers';
import type { DataProductEntity, Sla } from '../entity/types';
import {
  compareAvailability,
  compareFreshness,
  compareSupportHours,
  compareTiers,
} from './ordering';

/**
 * The SLA fields the weakest-link rule applies to.
 *
 * @public
 */
export type EffectiveSlaField =
  | 'tier'
  | 'availability'
  | 'freshness'
  | 'supportHours';

/** @public */
export type EffectiveSla = Pick<Sla, EffectiveSlaField>;

/** @public */
export interface EffectiveSlaResult {
  /** The product's own promise. */
  declared: Sla;
  /** The weakest promise over the product and everything upstream of it. */
  effective: EffectiveSla;
  /** The upstream product behind each field that is weaker than declared. */
  limitedBy: Partial<Record<EffectiveSlaField, string>>;
  /** One sentence per field where the declared promise cannot be kept. */
  warnings: string[];
  /** Upstream refs the lookup did not find; they could not be counted. */
  missingInputs: string[];
  /** Groups of upstream products that read each other, in discovery order. */
  cycles: string[][];
}

/**
 * Finds a product by its canonical ref, `dataproduct:<namespace>/<name>` in
 * lower case (as `stringifyEntityRef` writes it).
 *
 * @public
 */
export type DataProductLookup = (ref: string) => DataProductEntity | undefined;

interface FieldRule<K extends EffectiveSlaField> {
  compare(a: Sla[K], b: Sla[K]): number;
  show(value: Sla[K]): string;
}

const rules: { [K in EffectiveSlaField]: FieldRule<K> } = {
  tier: { compare: compareTiers, show: String },
  availability: { compare: compareAvailability, show: value => `${value}%` },
  freshness: { compare: compareFreshness, show: String },
  supportHours: { compare: compareSupportHours, show: String },
};

const fields = Object.keys(rules) as EffectiveSlaField[];

/** Per field, the weakest value seen so far and the product promising it. */
type Weakest = { [K in EffectiveSlaField]: { value: Sla[K]; ref: string } };

/** What is known about a product and everything upstream of it. */
interface Summary {
  weakest: Weakest;
  missing: readonly string[];
  cycles: readonly (readonly string[])[];
}

function ownPromise(ref: string, sla: Sla): Weakest {
  return {
    tier: { value: sla.tier, ref },
    availability: { value: sla.availability, ref },
    freshness: { value: sla.freshness, ref },
    supportHours: { value: sla.supportHours, ref },
  };
}

// Only a strictly weaker value replaces the current one, so on a tie the
// product already held (its own value, or the nearest input) stays credited.
function weaken<K extends EffectiveSlaField>(
  weakest: Weakest,
  field: K,
  candidate: Weakest[K],
): void {
  if (rules[field].compare(candidate.value, weakest[field].value) < 0) {
    weakest[field] = candidate;
  }
}

/**
 * Concatenates without duplicates. When at most one list has entries it is
 * returned as is: along chains the lists are shared, not copied, which keeps
 * long graphs linear.
 */
function union<T>(lists: ReadonlyArray<readonly T[]>): readonly T[] {
  const filled = lists.filter(list => list.length > 0);
  if (filled.length <= 1) {
    return filled[0] ?? [];
  }
  return [...new Set(filled.flat())];
}

function settle<K extends EffectiveSlaField>(
  field: K,
  declared: Sla,
  weakest: Weakest,
  result: EffectiveSlaResult,
): void {
  const rule = rules[field];
  const own = declared[field];
  const { value, ref } = weakest[field];
  if (rule.compare(own, value) > 0) {
    result.effective[field] = value;
    result.limitedBy[field] = ref;
    result.warnings.push(
      `declared ${field} ${rule.show(own)} is better than ${rule.show(
        value,
      )} from ${ref}`,
    );
  } else {
    result.effective[field] = own;
  }
}

/**
 * Returns a function computing effective SLAs that remembers every product it
 * has summarised, so computing all products of a large catalog visits each
 * product and input once. Use a new calculator when the products change.
 *
 * @public
 */
export function createEffectiveSlaCalculator(
  lookup: DataProductLookup,
): (ref: string) => EffectiveSlaResult {
  const entities = new Map<string, DataProductEntity | undefined>();
  const summaries = new Map<string, Summary>();

  function entityOf(ref: string): DataProductEntity | undefined {
    if (!entities.has(ref)) {
      entities.set(ref, lookup(ref));
    }
    return entities.get(ref);
  }

  // Summarises one strongly connected group: its members share one effective
  // SLA, the weakest over all of them and over everything they read.
  function summarise(members: string[], inputs: Map<string, string[]>) {
    const inGroup = new Set(members);
    const weakest = ownPromise(members[0], entityOf(members[0])!.spec.sla);
    const missing: string[] = [];
    const upstream: Summary[] = [];
    for (const member of members) {
      const own = ownPromise(member, entityOf(member)!.spec.sla);
      for (const field of fields) {
        weaken(weakest, field, own[field]);
      }
      for (const input of inputs.get(member)!) {
        const summary = summaries.get(input);
        if (summary) {
          upstream.push(summary);
        } else if (!inGroup.has(input)) {
          missing.push(input);
        }
      }
    }
    for (const summary of upstream) {
      for (const field of fields) {
        weaken(weakest, field, summary.weakest[field]);
      }
    }
    const cyclic =
      members.length > 1 || inputs.get(members[0])!.includes(members[0]);
    const summary: Summary = {
      weakest,
      missing: union([missing, ...upstream.map(s => s.missing)]),
      cycles: union([cyclic ? [members] : [], ...upstream.map(s => s.cycles)]),
    };
    for (const member of members) {
      summaries.set(member, summary);
    }
  }

  // Tarjan's strongly connected components, iterative so that chains of
  // thousands of products cannot overflow the call stack. Components close
  // upstream first, so every input outside a component is already summarised.
  function explore(start: string): void {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const inputs = new Map<string, string[]>();
    const stack: string[] = [];
    const frames: Array<{ ref: string; next: number }> = [];

    const enter = (ref: string) => {
      index.set(ref, index.size);
      low.set(ref, index.get(ref)!);
      inputs.set(ref, inputRefsOf(entityOf(ref)!));
      stack.push(ref);
      frames.push({ ref, next: 0 });
    };

    enter(start);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const frameInputs = inputs.get(frame.ref)!;
      if (frame.next < frameInputs.length) {
        const input = frameInputs[frame.next++];
        if (summaries.has(input) || !entityOf(input)) {
          continue; // done before, or missing: summarise() deals with both
        }
        if (!index.has(input)) {
          enter(input);
        } else {
          // Seen in this walk but not summarised: it is on the stack, a cycle.
          low.set(frame.ref, Math.min(low.get(frame.ref)!, index.get(input)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) {
        low.set(
          parent.ref,
          Math.min(low.get(parent.ref)!, low.get(frame.ref)!),
        );
      }
      if (low.get(frame.ref) === index.get(frame.ref)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          members.push(member);
        } while (member !== frame.ref);
        summarise(members.reverse(), inputs);
      }
    }
  }

  return (ref: string) => {
    const canonical = toDataProductRef(ref);
    const entity = entityOf(canonical);
    if (!entity) {
      throw new Error(`Data product ${canonical} not found`);
    }
    if (!summaries.has(canonical)) {
      explore(canonical);
    }
    const { weakest, missing, cycles } = summaries.get(canonical)!;
    const result: EffectiveSlaResult = {
      declared: entity.spec.sla,
      effective: {} as EffectiveSla,
      limitedBy: {},
      warnings: [],
      missingInputs: [...missing],
      cycles: cycles.map(cycle => [...cycle]),
    };
    for (const field of fields) {
      settle(field, entity.spec.sla, weakest, result);
    }
    return result;
  };
}

/**
 * The weakest-link rule: a product can promise no more than the weakest
 * product it is built from, directly or transitively. Cycles and missing
 * inputs are reported, not fatal.
 *
 * @throws Error when `ref` itself is not found
 *
 * @public
 */
export function computeEffectiveSla(
  ref: string,
  lookup: DataProductLookup,
): EffectiveSlaResult {
  return createEffectiveSlaCalculator(lookup)(ref);
}
