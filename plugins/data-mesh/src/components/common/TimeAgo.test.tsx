import { fireEvent, render, screen } from '@testing-library/react';
import { TimeAgo } from './TimeAgo';

describe('TimeAgo', () => {
  it('counts back from the given moment and shows the exact time on hover', async () => {
    render(
      <TimeAgo
        at="2026-01-01T11:58:00.000Z"
        since="2026-01-01T12:00:00.000Z"
      />,
    );
    const text = screen.getByText('2 min ago');
    expect(text).toHaveAttribute(
      'aria-label',
      '2 min ago (2026-01-01T11:58:00.000Z)',
    );
    fireEvent.mouseOver(text);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '2026-01-01T11:58:00.000Z',
    );
  });

  it('counts back from now without a reference', () => {
    // Days: the unit cannot tick over while the test runs.
    const at = new Date(Date.now() - 3 * 24 * 3600_000 - 60_000).toISOString();
    render(<TimeAgo at={at} />);
    expect(screen.getByText('3 days ago')).toBeInTheDocument();
  });

  it('shows text that is not a time as it is', () => {
    render(<TimeAgo at="soon" />);
    expect(screen.getByText('soon')).not.toHaveAttribute('aria-label');
  });
});
