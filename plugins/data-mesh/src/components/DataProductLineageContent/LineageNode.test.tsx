import { nodeSubtitle } from './LineageNode';

describe('nodeSubtitle', () => {
  it('shows a product tier with its live freshness', () => {
    expect(
      nodeSubtitle('DataProduct', 'tier-1', {
        loading: false,
        status: 'ok',
        failed: false,
      }),
    ).toBe('tier-1 · fresh');
    expect(
      nodeSubtitle('DataProduct', 'tier-2', {
        loading: false,
        status: 'breached',
        failed: false,
      }),
    ).toBe('tier-2 · SLA breached');
  });

  it('says when health is loading or unavailable', () => {
    expect(
      nodeSubtitle('DataProduct', 'tier-3', { loading: true, failed: false }),
    ).toBe('tier-3 · checking…');
    expect(
      nodeSubtitle('DataProduct', 'tier-3', { loading: false, failed: true }),
    ).toBe('tier-3 · health unavailable');
  });

  it('shows the kind of other entities', () => {
    expect(
      nodeSubtitle('Component', undefined, { loading: false, failed: false }),
    ).toBe('component');
  });
});
