import type { Faker } from '@faker-js/faker';

type Rule = [RegExp, (faker: Faker) => string | Date];

// Matched against the field name in lower case without `_` or `-`, first
// rule first; suffixes count (`customerEmail`, `billing_city`).
const RULES: Rule[] = [
  [/e?mail(address)?$/, f => f.internet.email()],
  [/(phone(number)?|mobile|telephone|msisdn)$/, f => f.phone.number()],
  [/(first|given)name$/, f => f.person.firstName()],
  [/(last|family|sur)name$/, f => f.person.lastName()],
  [/((user|login|nick)name|handle)$/, f => f.internet.username()],
  [
    /^(full|display|customer|person|contact|holder|owner|recipient|sender|buyer|account)?name$/,
    f => f.person.fullName(),
  ],
  [
    /(street(address)?|addressline\d*|address\d)$/,
    f => f.location.streetAddress(),
  ],
  [
    /address$/,
    f =>
      `${f.location.streetAddress()}, ${f.location.zipCode()} ${f.location.city()}`,
  ],
  [/(city|town)$/, f => f.location.city()],
  [/((zip|post|postal)code|^zip)$/, f => f.location.zipCode()],
  [/countrycode$/, f => f.location.countryCode()],
  [/country$/, f => f.location.country()],
  [/(birth(date|day)?|dateofbirth|dob)$/, f => f.date.birthdate()],
  [
    /(ssn|socialsecuritynumber|nationalid|taxid)$/,
    f => f.helpers.replaceSymbols('###-##-####'),
  ],
  [/iban$/, f => f.finance.iban()],
  [/(creditcard|card)(number)?$/, f => f.finance.creditCardNumber()],
  [/^ip(address|v4)?$|ipaddress$/, f => f.internet.ipv4()],
  [/(gender|sex)$/, f => f.person.sex()],
];

const normalize = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/**
 * A realistic personal value for a field of that name: a string, or a Date
 * for birth dates (the caller renders it in the field's type).
 */
export function personalValue(
  faker: Faker,
  name: string,
): string | Date | undefined {
  const normalized = normalize(name);
  return RULES.find(([pattern]) => pattern.test(normalized))?.[1](faker);
}
