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

  it('adds the age of the newest record as people say it', () => {
    expect(
      nodeSubtitle('DataProduct', 'tier-1', {
        loading: false,
        status: 'at-risk',
        ageMs: 4 * 60_000 + 30_000,
        failed: false,
      }),
    ).toBe('tier-1 · freshness at risk · 4 min 30 s old');
    expect(
      nodeSubtitle('DataProduct', 'tier-1', {
        loading: false,
        status: 'ok',
        ageMs: -1500,
        failed: false,
      }),
    ).toBe('tier-1 · fresh · 0 s old');
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
