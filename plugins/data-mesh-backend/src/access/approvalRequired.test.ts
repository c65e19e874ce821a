import { isApprovalRequired } from './approvalRequired';

describe('isApprovalRequired', () => {
  const defaults = ['confidential', 'restricted'] as const;

  it('follows the configured classifications', () => {
    expect(isApprovalRequired('restricted', defaults)).toBe(true);
    expect(isApprovalRequired('confidential', defaults)).toBe(true);
    expect(isApprovalRequired('internal', defaults)).toBe(false);
    expect(isApprovalRequired('public', defaults)).toBe(false);
  });

  it('counts a product without a classification as internal', () => {
    expect(isApprovalRequired(undefined, defaults)).toBe(false);
    expect(isApprovalRequired(undefined, ['internal'])).toBe(true);
  });
});
