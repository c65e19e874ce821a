import type { SchemaField } from '@kafka-mesh/plugin-data-mesh-common';

/** A field as a flattener sees it, before the descriptor's PII list applies. */
export type FlatField = Omit<SchemaField, 'pii'> & {
  /** The schema itself tags the field as PII. */
  taggedPii?: boolean;
};

/** Joins a parent path and a field name with a dot. */
export const joinPath = (prefix: string, name: string) =>
  prefix ? `${prefix}.${name}` : name;

/** Whether custom schema attributes tag a field as PII. */
export function hasPiiTag(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const attrs = node as Record<string, unknown>;
  if (attrs.pii === true) return true;
  const tags = attrs['confluent:tags'] ?? attrs.tags;
  return (
    Array.isArray(tags) &&
    tags.some(t => typeof t === 'string' && t.toUpperCase() === 'PII')
  );
}
