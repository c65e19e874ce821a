import { formatViolations, violation } from './violations';

describe('violation', () => {
  it('names the config key under dataMesh.governance', () => {
    expect(violation('partitions', 'partitions.max', 'too many')).toEqual({
      rule: 'partitions',
      configKey: 'dataMesh.governance.partitions.max',
      message: 'too many',
    });
  });
});

describe('formatViolations', () => {
  it('writes one line per violation with its rule and config key', () => {
    expect(
      formatViolations([
        violation('partitions', 'partitions.max', '24 partitions is above 12'),
        violation('required-tags', 'requiredTags', "tag 'pii' is missing"),
      ]),
    ).toBe(
      '24 partitions is above 12 (rule partitions, set by dataMesh.governance.partitions.max)\n' +
        "tag 'pii' is missing (rule required-tags, set by dataMesh.governance.requiredTags)",
    );
  });

  it('is empty without violations', () => {
    expect(formatViolations([])).toBe('');
  });
});
