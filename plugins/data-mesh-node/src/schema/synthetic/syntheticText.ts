import type { Faker } from '@faker-js/faker';
import { personalValue } from './personalValues';
import { normalizePath, SyntheticContext } from './syntheticFaker';

type Hint = [RegExp, (faker: Faker) => string];

// Plausible text for common non-personal field names.
const HINTS: Hint[] = [
  [/id$/, f => f.string.alphanumeric({ length: 10, casing: 'lower' })],
  [/currency(code)?$/, f => f.finance.currencyCode()],
  [/(url|uri|link|website)$/, f => f.internet.url()],
  [
    /(description|comment|note|text|message|reason|summary)$/,
    f => f.lorem.sentence(),
  ],
  [
    /(status|state|type|kind|category|channel)$/,
    f => f.lorem.word().toUpperCase(),
  ],
  [/(sku|code)$/, f => f.string.alphanumeric({ length: 8, casing: 'upper' })],
];

/** Whether the descriptor lists the field (a dotted path) as PII. */
function isPii(ctx: SyntheticContext, path: string): boolean {
  return ctx.piiPaths.has(normalizePath(path));
}

/**
 * A string for the field at `path`: realistic personal data when the name
 * says so (or the descriptor lists it as PII), plausible text otherwise.
 */
export function textFor(
  ctx: SyntheticContext,
  path: string,
  name: string,
): string {
  const personal = personalValue(ctx.faker, name);
  if (personal instanceof Date) return personal.toISOString().slice(0, 10);
  if (personal) return personal;
  if (isPii(ctx, path)) return ctx.faker.person.fullName();
  const normalized = name.toLowerCase().replace(/[_-]/g, '');
  const hint = HINTS.find(([pattern]) => pattern.test(normalized));
  return hint ? hint[1](ctx.faker) : ctx.faker.lorem.word();
}

/** A birth date when the field is one, for date and timestamp types. */
export function personalDate(
  ctx: SyntheticContext,
  name: string,
): Date | undefined {
  const personal = personalValue(ctx.faker, name);
  return personal instanceof Date ? personal : undefined;
}
