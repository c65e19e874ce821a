import {
  GovernanceRules,
  GovernanceViolation,
  TOPIC_NAMING_PLACEHOLDERS,
} from './types';
import { violation } from './violations';

type Placeholder = (typeof TOPIC_NAMING_PLACEHOLDERS)[number];

// Splitting on a capturing group puts the `{...}` parts at the odd indexes.
const PLACEHOLDER = /(\{[^{}]*\})/;

const isPlaceholder = (key: string): key is Placeholder =>
  (TOPIC_NAMING_PLACEHOLDERS as readonly string[]).includes(key);

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The template with its placeholders replaced and its literal text mapped. */
function fill(
  template: string,
  values: Record<Placeholder, string>,
  literal: (text: string) => string = text => text,
): string {
  return template
    .split(PLACEHOLDER)
    .map((part, i) => {
      const key = part.slice(1, -1);
      return i % 2 === 1 && isPlaceholder(key) ? values[key] : literal(part);
    })
    .join('');
}

/**
 * Why a topic naming template is unusable, or undefined when it is fine:
 * it must name the product with `{name}` (or products would share topics)
 * and use no other placeholders than `{domain}`, `{name}` and `{major}`.
 *
 * @public
 */
export function explainInvalidTopicNaming(
  template: string,
): string | undefined {
  const unknown = template
    .split(PLACEHOLDER)
    .filter((part, i) => i % 2 === 1 && !isPlaceholder(part.slice(1, -1)));
  if (unknown.length) {
    return `unknown placeholder ${unknown.join(
      ', ',
    )}; use ${TOPIC_NAMING_PLACEHOLDERS.map(p => `{${p}}`).join(', ')}`;
  }
  if (!template.includes('{name}')) {
    return '{name} is missing, so all products of a domain would get the same topic';
  }
  return undefined;
}

/**
 * The topic name the naming rule gives a product.
 *
 * @public
 */
export function expectedTopicName(
  ids: { domain: string; name: string; major: number },
  rules: Pick<GovernanceRules, 'topicNaming'>,
): string {
  return fill(rules.topicNaming, { ...ids, major: String(ids.major) });
}

/**
 * Checks a topic against the naming rule, any major version allowed. The
 * name may drop a leading `<domain>-`, since the topic already carries the
 * domain: product `payments-settled` of domain `payments` may use
 * `payments.settled.v1`.
 *
 * @public
 */
export function checkTopicName(
  topic: string,
  ids: { domain: string; name: string },
  rules: Pick<GovernanceRules, 'topicNaming'>,
): GovernanceViolation[] {
  const names = [ids.name];
  const prefix = `${ids.domain}-`;
  if (ids.name.startsWith(prefix) && ids.name.length > prefix.length) {
    names.push(ids.name.slice(prefix.length));
  }
  const pattern = fill(
    rules.topicNaming,
    {
      domain: escapeRegExp(ids.domain),
      name: `(?:${names.map(escapeRegExp).join('|')})`,
      major: '\\d+',
    },
    escapeRegExp,
  );
  if (new RegExp(`^${pattern}$`).test(topic)) return [];
  // The example keeps the topic's own version, where it ends in one.
  const major = Number(/(\d+)$/.exec(topic)?.[1] ?? 1);
  return [
    violation(
      'topic-naming',
      'topicNaming',
      `topic '${topic}' does not follow the naming rule '${
        rules.topicNaming
      }', e.g. '${expectedTopicName({ ...ids, major }, rules)}'`,
    ),
  ];
}
