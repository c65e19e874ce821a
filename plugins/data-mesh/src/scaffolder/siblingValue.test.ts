import { formDataOf, siblingValue } from './siblingValue';

describe('siblingValue', () => {
  it('reads a named field of the form data', () => {
    expect(siblingValue({ format: 'json', name: 'x' }, 'format')).toBe('json');
    expect(siblingValue({ name: 'x' }, 'format')).toBeUndefined();
  });

  it('tolerates missing form data', () => {
    expect(siblingValue(undefined, 'format')).toBeUndefined();
    expect(siblingValue(null, 'format')).toBeUndefined();
    expect(siblingValue('text', 'format')).toBeUndefined();
  });

  it('finds the form data in the scaffolder form context', () => {
    expect(formDataOf({ formData: { sla: { tier: 'tier-1' } } })).toEqual({
      sla: { tier: 'tier-1' },
    });
    expect(formDataOf(undefined)).toBeUndefined();
  });
});
