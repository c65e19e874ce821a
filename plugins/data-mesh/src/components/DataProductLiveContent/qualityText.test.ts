import type { QualityRuleHistory } from '@kafka-mesh/plugin-data-mesh-common';
import { measuredValue, ruleCaption } from './qualityText';

const history = (metric: QualityRuleHistory['metric']): QualityRuleHistory => ({
  rule: 'r',
  metric,
  severity: 'error',
  series: [],
  passRate: null,
  failingExamples: [],
});

describe('ruleCaption', () => {
  it('says the declared window as people say durations', () => {
    expect(
      ruleCaption(history('duplicateValues'), {
        name: 'r',
        metric: 'duplicateValues',
        property: 'orderId',
        arguments: { window: 'PT1H' },
        mustBe: 0,
      }),
    ).toBe('duplicateValues · error · per 1 h window');
  });

  it('leaves the window out when none is declared or the rule is gone', () => {
    expect(
      ruleCaption(history('nullValues'), {
        name: 'r',
        metric: 'nullValues',
        property: 'orderId',
        mustBe: 0,
      }),
    ).toBe('nullValues · error');
    expect(ruleCaption(history('rowCount'), undefined)).toBe(
      'rowCount · error',
    );
  });
});

describe('measuredValue', () => {
  it('says a measured freshness as a duration and other values as numbers', () => {
    expect(measuredValue(history('freshness'), 330)).toBe('5 min 30 s');
    expect(measuredValue(history('freshness'), -1)).toBe('-1');
    expect(measuredValue(history('nullValues'), 2)).toBe('2');
  });
});
