import { DEFAULT_GOVERNANCE_RULES } from './defaults';
import {
  checkTopicName,
  expectedTopicName,
  explainInvalidTopicNaming,
} from './topicNaming';

const rules = DEFAULT_GOVERNANCE_RULES;
const orders = { domain: 'commerce', name: 'orders-placed' };

describe('expectedTopicName', () => {
  it('fills the default rule', () => {
    expect(expectedTopicName({ ...orders, major: 2 }, rules)).toBe(
      'commerce.orders-placed.v2',
    );
  });

  it('fills a custom rule, placeholders in any order and repeated', () => {
    expect(
      expectedTopicName(
        { ...orders, major: 1 },
        { topicNaming: 'v{major}_{name}_{domain}_{name}' },
      ),
    ).toBe('v1_orders-placed_commerce_orders-placed');
  });
});

describe('checkTopicName', () => {
  it.each(['commerce.orders-placed.v1', 'commerce.orders-placed.v12'])(
    'accepts %s',
    topic => {
      expect(checkTopicName(topic, orders, rules)).toEqual([]);
    },
  );

  it('lets the name drop its domain prefix', () => {
    expect(
      checkTopicName(
        'payments.settled.v1',
        { domain: 'payments', name: 'payments-settled' },
        rules,
      ),
    ).toEqual([]);
    expect(
      checkTopicName(
        'payments.payments-settled.v1',
        { domain: 'payments', name: 'payments-settled' },
        rules,
      ),
    ).toEqual([]);
  });

  it.each([
    ['another domain', 'billing.orders-placed.v1'],
    ['no version', 'commerce.orders-placed'],
    ['a non-numeric version', 'commerce.orders-placed.vX'],
    ['another product', 'commerce.orders.v1'],
    // Dots in the rule are literal, not "any character".
    ['other separators', 'commerce-orders-placed-v1'],
    ['a suffix', 'commerce.orders-placed.v1.dlq'],
  ])('rejects %s, with an example that keeps the version', (_, topic) => {
    const major = /(\d+)$/.exec(topic)?.[1] ?? '1';
    expect(checkTopicName(topic, orders, rules)).toEqual([
      {
        rule: 'topic-naming',
        configKey: 'dataMesh.governance.topicNaming',
        message: `topic '${topic}' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.orders-placed.v${major}'`,
      },
    ]);
  });

  it('follows a configured rule', () => {
    const custom = { topicNaming: 'team_{domain}_{name}' };
    expect(
      checkTopicName('team_commerce_orders-placed', orders, custom),
    ).toEqual([]);
    expect(
      checkTopicName('commerce.orders-placed.v1', orders, custom)[0].message,
    ).toBe(
      "topic 'commerce.orders-placed.v1' does not follow the naming rule 'team_{domain}_{name}', e.g. 'team_commerce_orders-placed'",
    );
  });
});

describe('explainInvalidTopicNaming', () => {
  it('accepts the default rule', () => {
    expect(explainInvalidTopicNaming(rules.topicNaming)).toBeUndefined();
  });

  it('names unknown placeholders', () => {
    expect(explainInvalidTopicNaming('{team}.{name}.{env}')).toBe(
      'unknown placeholder {team}, {env}; use {domain}, {name}, {major}',
    );
  });

  it('wants the product name in the topic', () => {
    expect(explainInvalidTopicNaming('{domain}.v{major}')).toBe(
      '{name} is missing, so all products of a domain would get the same topic',
    );
  });
});
