import {
  QualityRule,
  QualityRuleHistory,
  readableDuration,
  readableIsoDuration,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * What a rule measures, at what severity and over which window as the
 * descriptor declares it: `duplicateValues · error · per 1 h window`.
 */
export function ruleCaption(
  rule: QualityRuleHistory,
  declared: QualityRule | undefined,
): string {
  const parts: string[] = [rule.metric, rule.severity];
  const window = declared?.arguments?.window;
  if (window) parts.push(`per ${readableIsoDuration(window)} window`);
  return parts.join(' · ');
}

/**
 * A measured value in the rule's unit; a freshness (seconds since the
 * newest record) as people say durations. -1 means nothing was measured.
 */
export function measuredValue(
  rule: Pick<QualityRuleHistory, 'metric'>,
  value: number,
): string {
  if (rule.metric === 'freshness' && value >= 0) {
    return readableDuration(value * 1000);
  }
  return String(value);
}
